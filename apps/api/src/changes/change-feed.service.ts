import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { ApiConfig } from '../../../../libs/config';
import { CASE_CHANGES_CHANNEL, CaseChange, changeTopics } from '../../../../libs/persistence';

/** A wait registered before the read it guards, so a change landing in between is not missed. */
export interface ChangeWait {
  /** True when a change named one of the topics; false when the time ran out. */
  readonly changed: Promise<boolean>;
  cancel(): void;
}

/** While the feed is down, a long poll waits at most this long: clients fall back to polling, not spinning. */
const DEGRADED_WAIT_MS = 1000;

/**
 * The API's ear on the read model: one LISTEN connection to Postgres, hearing each projection's
 * NOTIFY, waking the long polls that wait on that case or on an inbox it touches. Should the
 * connection drop (Postgres restarting), every waiter is woken to re-read, since changes in the
 * gap went unheard, and the feed reconnects with backoff.
 */
@Injectable()
export class ChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ChangeFeed.name);
  private readonly waiters = new Map<string, Set<(changed: boolean) => void>>();
  private client?: Client;
  private listening = false;
  private stopped = false;
  private retryMs = 250;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(private readonly config: ApiConfig) {}

  onApplicationBootstrap(): void {
    void this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    // Detach first: ending our own connection is not losing it, so no warning and no reconnect.
    const client = this.client;
    this.client = undefined;
    this.listening = false;
    this.wakeAll();
    await client?.end().catch(() => undefined);
  }

  get isListening(): boolean {
    return this.listening;
  }

  /** Waits up to `ms` for a change naming any of `topics` (`case:<id>`, `agency:<code>`, `expert:<userId>`). */
  wait(topics: string[], ms: number): ChangeWait {
    let settle!: (changed: boolean) => void;
    const changed = new Promise<boolean>((resolve) => (settle = resolve));
    const timer = setTimeout(() => done(false), this.listening ? ms : Math.min(ms, DEGRADED_WAIT_MS));
    const done = (value: boolean) => {
      clearTimeout(timer);
      for (const topic of topics) {
        const set = this.waiters.get(topic);
        set?.delete(done);
        if (set?.size === 0) this.waiters.delete(topic);
      }
      settle(value);
    };
    for (const topic of topics) {
      let set = this.waiters.get(topic);
      if (!set) this.waiters.set(topic, (set = new Set()));
      set.add(done);
    }
    return { changed, cancel: () => done(false) };
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new Client({ connectionString: this.config.DATABASE_URL });
    this.client = client;
    client.on('notification', (message) => {
      if (message.channel !== CASE_CHANGES_CHANNEL || !message.payload) return;
      try {
        this.wake(changeTopics(JSON.parse(message.payload) as CaseChange));
      } catch {
        this.logger.warn('ignored a malformed case change notification');
      }
    });
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.client = undefined;
      if (this.listening) this.logger.warn(`change feed lost (${error?.message ?? 'connection ended'}); long polls fall back to re-reading`);
      this.listening = false;
      this.wakeAll();
      client.end().catch(() => undefined);
      if (!this.stopped) this.reconnectTimer = setTimeout(() => void this.connect(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 5000);
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CASE_CHANGES_CHANNEL}`);
      this.listening = true;
      this.retryMs = 250;
      // Changes made while nobody listened were not heard: whoever waits re-reads.
      this.wakeAll();
    } catch (error) {
      lost(error as Error);
    }
  }

  private wake(topics: string[]): void {
    for (const topic of topics) for (const done of [...(this.waiters.get(topic) ?? [])]) done(true);
  }

  private wakeAll(): void {
    for (const set of [...this.waiters.values()]) for (const done of [...set]) done(true);
  }
}
