import type { Balancer } from '../chaos/chaos-actors';

/** What one instance behind the balancer was sent, and how it answered. */
export interface InstanceTally {
  name: string;
  url: string;
  /** Answers by method (any status: a 4xx or 503 is the instance answering). */
  answered: Record<string, number>;
  /** Answers by status class (2xx, 4xx, 5xx). */
  statuses: Record<string, number>;
  /** Attempts it never answered: connection refused or dropped, or a timeout. */
  unanswered: number;
}

/**
 * A client-side load balancer as a reverse proxy in front of API replicas would be: each attempt
 * goes to the next instance in turn; one that refuses or drops a connection is passed over for
 * `holdOffMs`, then tried again (a passive health check), so a killed instance loses only the
 * requests in flight and a restarted one gets its share back.
 */
export class RoundRobin implements Balancer {
  readonly instances: Array<InstanceTally & { downUntil: number }>;
  private turn = 0;

  constructor(
    instances: Array<{ name: string; url: string }>,
    private readonly holdOffMs = 2000,
  ) {
    this.instances = instances.map((i) => ({ ...i, answered: {}, statuses: {}, unanswered: 0, downUntil: 0 }));
  }

  pick(): string {
    const now = Date.now();
    for (let i = 0; i < this.instances.length; i += 1) {
      const instance = this.instances[this.turn++ % this.instances.length];
      if (instance.downUntil <= now) return instance.url;
    }
    // Every instance passed over: try the next anyway rather than wait.
    return this.instances[this.turn++ % this.instances.length].url;
  }

  settled(base: string, method: string, outcome: number | 'timeout' | 'no-connection'): void {
    const instance = this.instances.find((i) => i.url === base);
    if (!instance) return;
    if (typeof outcome === 'number') {
      instance.answered[method] = (instance.answered[method] ?? 0) + 1;
      const kind = `${Math.floor(outcome / 100)}xx`;
      instance.statuses[kind] = (instance.statuses[kind] ?? 0) + 1;
      return;
    }
    instance.unanswered += 1;
    if (outcome === 'no-connection') instance.downUntil = Date.now() + this.holdOffMs;
  }

  tallies(): InstanceTally[] {
    return this.instances.map(({ downUntil: _, ...tally }) => tally);
  }
}
