/**
 * One progress line: a bar redrawn in place on a terminal; in a log (CI), a line each time, or
 * at most one per `logEveryMs` for a caller that redraws every second.
 */
export class ProgressBar {
  private lastLogged = 0;

  constructor(private readonly logEveryMs = 0) {}

  line(text: string, ratio: number): void {
    const width = 30;
    const filled = Math.round(Math.max(0, Math.min(1, ratio)) * width);
    const line = `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${text}`;
    if (process.stdout.isTTY) process.stdout.write(`\r${line}`.padEnd(process.stdout.columns ?? 120).slice(0, (process.stdout.columns ?? 120) - 1));
    else if (Date.now() - this.lastLogged >= this.logEveryMs) {
      this.lastLogged = Date.now();
      console.log(line);
    }
  }

  /** A line of its own, below the bar. */
  say(text: string): void {
    this.end();
    console.log(text);
  }

  end(): void {
    if (process.stdout.isTTY) process.stdout.write('\n');
  }
}
