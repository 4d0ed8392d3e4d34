import type { CaseTiming } from './bench-drivers';

interface ChartBlock {
  kind: string;
  variant: string;
  path: string;
  level: number;
  perSecond: number;
  flat: boolean;
  timings: CaseTiming[];
}

const COLOURS: Record<string, string> = { 'fast/RAW': '#90a4ae', 'fast/FULL': '#1565c0', 'normal/RAW': '#bcaaa4', 'normal/FULL': '#2e7d32' };

/**
 * Two panels: the concurrency ladder (completed cases a second at each level; hollow where the
 * backlog grew) and the latency distributions (share of cases visible by each time, log scale).
 */
export function benchChart(blocks: ChartBlock[]): string {
  const W = 1000;
  const H = 420;
  const panel = { w: 440, h: 320, top: 50 };
  const series = Object.keys(COLOURS);
  const legend = series
    .map((k, i) => `<rect x="${60 + i * 150}" y="14" width="12" height="12" fill="${COLOURS[k]}"/><text x="${78 + i * 150}" y="24" font-size="12">${k.replace('/', ' ')}</text>`)
    .join('');

  // Ladder.
  const ladder = blocks.filter((b) => b.kind === 'ladder');
  const maxLevel = Math.max(1, ...ladder.map((b) => b.level));
  const maxRate = Math.max(1, ...ladder.map((b) => b.perSecond)) * 1.1;
  const lx = (level: number) => 60 + (Math.log2(level) / Math.log2(maxLevel * 1.2)) * panel.w;
  const ly = (rate: number) => panel.top + panel.h - (rate / maxRate) * panel.h;
  const ladderLines = series
    .map((k) => {
      const [path, variant] = k.split('/');
      const pts = ladder.filter((b) => b.path === path && b.variant === variant);
      const levels = [...new Set(pts.map((b) => b.level))].sort((a, b) => a - b);
      const mean = levels.map((l) => {
        const at = pts.filter((b) => b.level === l);
        return { l, rate: at.reduce((s, b) => s + b.perSecond, 0) / at.length, flat: at.every((b) => b.flat) };
      });
      if (!mean.length) return '';
      return `<polyline fill="none" stroke="${COLOURS[k]}" stroke-width="2" points="${mean.map((m) => `${lx(m.l).toFixed(1)},${ly(m.rate).toFixed(1)}`).join(' ')}"/>${mean
        .map((m) => `<circle cx="${lx(m.l).toFixed(1)}" cy="${ly(m.rate).toFixed(1)}" r="4" fill="${m.flat ? COLOURS[k] : 'white'}" stroke="${COLOURS[k]}"/>`)
        .join('')}`;
    })
    .join('\n');
  const levelTicks = [...new Set(ladder.map((b) => b.level))]
    .map((l) => `<text x="${lx(l).toFixed(1)}" y="${panel.top + panel.h + 16}" font-size="11" text-anchor="middle">${l}</text>`)
    .join('');
  const rateTicks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => `<text x="54" y="${(ly(maxRate * f) + 4).toFixed(1)}" font-size="11" text-anchor="end">${(maxRate * f).toFixed(0)}</text>`)
    .join('');

  // Latency CDFs.
  const latency = blocks.filter((b) => b.kind === 'latency');
  const all = latency.flatMap((b) => b.timings.map((t) => t.decidedVisibleAt - t.scheduledAt)).filter((x) => x > 0);
  const minMs = Math.max(1, Math.min(...all, 10));
  const maxMs = Math.max(minMs * 10, ...all);
  const x0 = 540;
  const cx = (ms: number) => x0 + ((Math.log10(Math.max(ms, minMs)) - Math.log10(minMs)) / (Math.log10(maxMs) - Math.log10(minMs))) * panel.w;
  const cy = (f: number) => panel.top + panel.h - f * panel.h;
  const cdfs = series
    .map((k) => {
      const [path, variant] = k.split('/');
      const values = latency
        .filter((b) => b.path === path && b.variant === variant)
        .flatMap((b) => b.timings.map((t) => t.decidedVisibleAt - t.scheduledAt))
        .sort((a, b) => a - b);
      if (!values.length) return '';
      const pts = values.map((v, i) => `${cx(v).toFixed(1)},${cy((i + 1) / values.length).toFixed(1)}`).join(' ');
      return `<polyline fill="none" stroke="${COLOURS[k]}" stroke-width="2" points="${pts}"/>`;
    })
    .join('\n');
  const msTicks = [1, 10, 100, 1000, 10000, 100000]
    .filter((m) => m >= minMs && m <= maxMs)
    .map((m) => `<text x="${cx(m).toFixed(1)}" y="${panel.top + panel.h + 16}" font-size="11" text-anchor="middle">${m >= 1000 ? `${m / 1000} s` : `${m} ms`}</text><line x1="${cx(m).toFixed(1)}" x2="${cx(m).toFixed(1)}" y1="${panel.top}" y2="${panel.top + panel.h}" stroke="#eee"/>`)
    .join('');
  const fracTicks = [0, 0.5, 0.95, 1]
    .map((f) => `<text x="${x0 - 6}" y="${(cy(f) + 4).toFixed(1)}" font-size="11" text-anchor="end">${f * 100}%</text><line x1="${x0}" x2="${x0 + panel.w}" y1="${cy(f).toFixed(1)}" y2="${cy(f).toFixed(1)}" stroke="#eee"/>`)
    .join('');

  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">
<rect width="${W}" height="${H}" fill="white"/>
${legend}
<text x="60" y="${panel.top - 8}" font-size="13">completed cases / s by cases in flight (hollow: backlog grew)</text>
<line x1="60" x2="60" y1="${panel.top}" y2="${panel.top + panel.h}" stroke="#333"/><line x1="60" x2="${60 + panel.w}" y1="${panel.top + panel.h}" y2="${panel.top + panel.h}" stroke="#333"/>
${rateTicks}${levelTicks}
${ladderLines}
<text x="${x0}" y="${panel.top - 8}" font-size="13">filing → decision visible, share of cases (at half RAW capacity)</text>
${msTicks}${fracTicks}
<line x1="${x0}" x2="${x0}" y1="${panel.top}" y2="${panel.top + panel.h}" stroke="#333"/><line x1="${x0}" x2="${x0 + panel.w}" y1="${panel.top + panel.h}" y2="${panel.top + panel.h}" stroke="#333"/>
${cdfs}
</svg>
`;
}
