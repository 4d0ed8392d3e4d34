import { readdirSync, readFileSync } from 'node:fs';

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

interface ProcStat {
  pid: number;
  ppid: number;
  /** utime + stime + cutime + cstime, in ticks: its own CPU and that of children it has reaped. */
  ticks: number;
}

function readStat(pid: number): ProcStat | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses: fields start after the last ')'.
    const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
    const num = (i: number) => Number(fields[i - 3]);
    return { pid, ppid: num(4), ticks: num(14) + num(15) + num(16) + num(17) };
  } catch {
    return undefined; // exited between listing and reading
  }
}

/**
 * CPU-seconds used so far by every process below `root` (not `root` itself, the load generator):
 * Temporal's server, Postgres and its backends, the departments, the worker and the API. A live
 * process counts its own time; one that has exited counts in its parent's reaped-children time.
 */
export function stackCpuSeconds(root = process.pid): number {
  return Object.values(stackCpuByComponent(root)).reduce((a, b) => a + b, 0);
}

/** The name a supervisor would give a process below the bench: temporal, postgres, api, worker, departments. */
function componentOf(pid: number): string {
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ');
    const app = /apps\/(\w+)\/src\/main/.exec(cmdline)?.[1];
    if (app) return app;
    if (/postgres/.test(cmdline)) return 'postgres';
    if (/temporal/.test(cmdline)) return 'temporal';
    return cmdline.split(' ')[0].split('/').pop() || String(pid);
  } catch {
    return String(pid);
  }
}

/** CPU-seconds so far per component (each direct child of `root` with everything below it). */
export function stackCpuByComponent(root = process.pid): Record<string, number> {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map((d) => readStat(Number(d)))
    .filter((s): s is ProcStat => !!s);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  const subtree = (pid: number): number => (children.get(pid) ?? []).reduce((sum, child) => sum + child.ticks + subtree(child.pid), 0);
  const out: Record<string, number> = {};
  for (const child of children.get(root) ?? []) {
    const name = componentOf(child.pid);
    out[name] = (out[name] ?? 0) + (child.ticks + subtree(child.pid)) / TICKS_PER_SECOND;
  }
  return out;
}

/** CPU-seconds of this process (the load generator), to show it apart. */
export function ownCpuSeconds(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1e6;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export function summary(values: number[]): { n: number; p50: number; p95: number; p99: number; max: number } {
  const s = [...values].sort((a, b) => a - b);
  return { n: s.length, p50: percentile(s, 50), p95: percentile(s, 95), p99: percentile(s, 99), max: s[s.length - 1] ?? NaN };
}
