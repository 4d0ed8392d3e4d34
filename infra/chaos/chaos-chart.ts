export interface Sample {
  t: number;
  filed: number;
  closed: number;
  running: number;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * The run at a glance: cases filed, closed and under way over time, with a line at each fault.
 * A flat "closed" curve after a kill is the time cases stood still.
 */
export function chaosChart(
  samples: Sample[],
  marks: Array<{ t: number; until?: number; label: string }>,
  total: number,
  caption = 'seconds since the first filing (red: worker SIGKILL, PostgreSQL restart, department outage)',
): string {
  const W = 900;
  const H = 420;
  const left = 60;
  const right = 20;
  const top = 30;
  const bottom = 50;
  const tMax = Math.max(1, ...samples.map((s) => s.t));
  const x = (t: number) => left + (t / tMax) * (W - left - right);
  const y = (n: number) => H - bottom - (n / Math.max(1, total)) * (H - top - bottom);
  const series = (key: keyof Omit<Sample, 't'>, colour: string, label: string, i: number) => {
    const points = samples.map((s) => `${x(s.t).toFixed(1)},${y(s[key]).toFixed(1)}`).join(' ');
    return `<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points}"/>
<rect x="${left + 10 + i * 130}" y="8" width="12" height="12" fill="${colour}"/><text x="${left + 28 + i * 130}" y="18" font-size="12">${label}</text>`;
  };
  const ticks = Array.from({ length: 6 }, (_, i) => {
    const t = (tMax * i) / 5;
    const n = Math.round((total * i) / 5);
    return `<text x="${x(t).toFixed(1)}" y="${H - bottom + 18}" font-size="11" text-anchor="middle">${t.toFixed(0)} s</text>
<text x="${left - 6}" y="${(y(n) + 4).toFixed(1)}" font-size="11" text-anchor="end">${n}</text>
<line x1="${left}" x2="${W - right}" y1="${y(n).toFixed(1)}" y2="${y(n).toFixed(1)}" stroke="#eee"/>`;
  }).join('\n');
  const faults = marks
    .map(
      (m, i) => `${m.until ? `<rect x="${x(m.t).toFixed(1)}" y="${top}" width="${(x(Math.min(m.until, tMax)) - x(m.t)).toFixed(1)}" height="${H - top - bottom}" fill="#c62828" opacity="0.08"/>` : ''}
<line x1="${x(m.t).toFixed(1)}" x2="${x(m.t).toFixed(1)}" y1="${top}" y2="${H - bottom}" stroke="#c62828" stroke-dasharray="4 3"/>
<text x="${(x(m.t) + 3).toFixed(1)}" y="${top + 12 + (i % 4) * 13}" font-size="11" fill="#c62828">${escape(m.label)}</text>`,
    )
    .join('\n');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">
<rect width="${W}" height="${H}" fill="white"/>
${ticks}
<line x1="${left}" x2="${left}" y1="${top}" y2="${H - bottom}" stroke="#333"/>
<line x1="${left}" x2="${W - right}" y1="${H - bottom}" y2="${H - bottom}" stroke="#333"/>
${series('filed', '#1565c0', '已提交 filed', 0)}
${series('closed', '#2e7d32', '已办结 closed', 1)}
${series('running', '#f9a825', '在办 running', 2)}
${faults}
<text x="${W / 2}" y="${H - 12}" font-size="12" text-anchor="middle">${escape(caption)}</text>
</svg>
`;
}
