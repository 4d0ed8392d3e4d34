import { Injectable } from '@nestjs/common';

/**
 * The status that plays a department slow but working: the real handler answers after the delay,
 * so callers' timeouts and latency budgets are tested without an error to retry.
 */
export const PASS_THROUGH = 200;

export interface FaultPlan {
  /** How many of the next requests to this department get the fault (fail, or only wait). */
  count: number;
  /** An outage instead: every request until this instant (epoch ms) gets the fault; count is then ignored. */
  until?: number;
  /** The error to answer with; PASS_THROUGH (200) answers nothing itself: the request goes on, late. */
  status: number;
  /** Answer this late (ms), to play a slow or timing-out department. */
  delayMs: number;
  /** Only requests about this enterprise fail, so parallel tests do not feel each other's faults. */
  creditCode?: string;
}

/**
 * Lets tests and demos make a department misbehave for a while, so retries are shown on the
 * real HTTP path rather than assumed. Counts every request a department answers.
 */
@Injectable()
export class FaultsService {
  private readonly plans = new Map<string, FaultPlan[]>();
  private readonly requests = new Map<string, number>();
  private readonly failed = new Map<string, number>();
  /** Slow but successful requests: not failures, so counted apart. */
  private readonly delayed = new Map<string, number>();

  plan(department: string, plan: FaultPlan): void {
    this.plans.set(department, [...(this.plans.get(department) ?? []), plan]);
  }

  clear(): void {
    this.plans.clear();
    this.requests.clear();
    this.failed.clear();
    this.delayed.clear();
  }

  /** Called for each request; returns the fault to play, if any. */
  take(department: string, path: string): FaultPlan | undefined {
    this.requests.set(department, (this.requests.get(department) ?? 0) + 1);
    const now = Date.now();
    const live = (p: FaultPlan) => (p.until !== undefined ? p.until > now : p.count > 0);
    const plan = this.plans.get(department)?.find((p) => live(p) && (!p.creditCode || path.includes(p.creditCode)));
    if (!plan) return undefined;
    if (plan.until === undefined) plan.count -= 1;
    const counter = plan.status === PASS_THROUGH ? this.delayed : this.failed;
    counter.set(department, (counter.get(department) ?? 0) + 1);
    return plan;
  }

  report(): Record<string, { requests: number; failed: number; delayed: number; pending: number; outageUntil?: string }> {
    const now = Date.now();
    const departments = new Set([...this.requests.keys(), ...this.plans.keys()]);
    return Object.fromEntries(
      [...departments].map((d) => [
        d,
        {
          requests: this.requests.get(d) ?? 0,
          failed: this.failed.get(d) ?? 0,
          delayed: this.delayed.get(d) ?? 0,
          pending: (this.plans.get(d) ?? []).reduce((sum, p) => sum + (p.until === undefined ? p.count : 0), 0),
          ...outageEnd(this.plans.get(d) ?? [], now),
        },
      ]),
    );
  }
}

/** The end of the department's outage still running, if any. */
function outageEnd(plans: FaultPlan[], now: number): { outageUntil?: string } {
  const until = Math.max(0, ...plans.map((p) => p.until ?? 0));
  return until > now ? { outageUntil: new Date(until).toISOString() } : {};
}
