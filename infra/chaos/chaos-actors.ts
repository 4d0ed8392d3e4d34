import { randomUUID } from 'node:crypto';
import { signToken } from '../../libs/auth';
import type { Actor, DepartmentCode } from '../../libs/domain';
import { agencyActor, applicantActor, expertActor } from '../actors';
import type { PlannedCase } from './chaos-plan';
import type { ChaosScript, StepAction } from './chaos-script';

export interface Answer {
  status: number;
  body: any;
}

/** Counts of what the driver had to retry, by cause: the run shows the faults users would have felt. */
export class RetryLedger {
  readonly byCause = new Map<string, number>();
  count(cause: string): void {
    this.byCause.set(cause, (this.byCause.get(cause) ?? 0) + 1);
  }
  summary(): string {
    return [...this.byCause.entries()].map(([cause, n]) => `${cause}×${n}`).join(' ') || 'none';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Several instances of one service behind a client-side balancer (npm run scale-out): asked at every attempt. */
export interface Balancer {
  /** The instance this attempt goes to. */
  pick(): string;
  /** How the attempt ended there: its status, or no answer at all. */
  settled(base: string, method: string, outcome: number | 'timeout' | 'no-connection'): void;
}

/**
 * HTTP as a patient client: a 5xx, 429 or a dropped connection is retried (with the same
 * Idempotency-Key, so a filing is never doubled); 4xx answers are returned to the caller.
 * Behind a balancer each retry may reach another instance.
 */
export class ChaosHttp {
  constructor(
    private readonly baseUrl: string | Balancer,
    readonly retries: RetryLedger,
    /** Headers every call carries (the departments' service token, fresh each time). */
    private readonly defaultHeaders: () => Record<string, string> = () => ({}),
  ) {}

  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    for (let attempt = 0; ; attempt += 1) {
      const base = typeof this.baseUrl === 'string' ? this.baseUrl : this.baseUrl.pick();
      const settled = (outcome: number | 'timeout' | 'no-connection') => typeof this.baseUrl !== 'string' && this.baseUrl.settled(base, method, outcome);
      try {
        const response = await fetch(`${base}${path}`, {
          method,
          headers: { 'content-type': 'application/json', ...this.defaultHeaders(), ...headers },
          body: body === undefined ? undefined : JSON.stringify(body),
          signal: AbortSignal.timeout(30_000),
        });
        const text = await response.text();
        settled(response.status);
        if (response.status >= 500 || response.status === 429) {
          this.retries.count(`${method} ${response.status}`);
        } else {
          return { status: response.status, body: text ? JSON.parse(text) : undefined };
        }
      } catch (error) {
        const outcome = (error as Error).name === 'TimeoutError' ? 'timeout' : 'no-connection';
        settled(outcome);
        this.retries.count(`${method} ${outcome}`);
      }
      await sleep(Math.min(200 * 2 ** attempt, 3000));
    }
  }
}

export interface Keys {
  privateKey: string;
  issuer: string;
  audience: string;
}

/** One user of the API: signs its own token as the external issuer would (long enough for a run). */
export class ChaosUser {
  private readonly auth: Record<string, string>;
  constructor(
    readonly http: ChaosHttp,
    readonly actor: Actor,
    keys: Keys,
  ) {
    this.auth = { authorization: `Bearer ${signToken(actor, { ...keys, expiresInSeconds: 4 * 3600 })}` };
  }
  get(path: string): Promise<Answer> {
    return this.http.call('GET', path, undefined, this.auth);
  }
  /** The bearer header, for calls this client does not make itself (multipart uploads). */
  get authorization(): string {
    return this.auth.authorization;
  }
  /** Each call one action: its retries carry the same Idempotency-Key, so an action the API gave up on is never done twice. */
  post(path: string, body: unknown = {}, headers: Record<string, string> = {}): Promise<Answer> {
    return this.http.call('POST', path, body, { ...this.auth, 'Idempotency-Key': randomUUID(), ...headers });
  }
}


export interface ScriptStats {
  decisions: number;
  corrections: number;
  refusedByWorkflow: number;
}

/**
 * The agencies, experts and applicants of a run, each polling what a person would look at —
 * their inbox, or their case when told to correct it — and acting as the case's script says.
 */
export class ScriptedParties {
  readonly stats: ScriptStats = { decisions: 0, corrections: 0, refusedByWorkflow: 0 };
  /** Answers no script expects (a 4xx other than 409): each is a finding of the run. */
  readonly errors: string[] = [];
  private readonly acted = new Set<string>();
  private readonly inFlight = new Set<string>();
  private readonly awaitingCorrection = new Set<string>();
  private stopped = false;
  private readonly loops: Promise<void>[] = [];

  constructor(
    private readonly http: ChaosHttp,
    private readonly keys: Keys,
    private readonly byCaseId: Map<string, PlannedCase>,
    /** Each process's chaos script, by code: who works its steps, and how. */
    private readonly scripts: Map<string, ChaosScript>,
  ) {}

  start(): void {
    const scripts = [...this.scripts.values()];
    const agencies = new Set<DepartmentCode>(scripts.flatMap((s) => s.agencies));
    const experts = new Set(scripts.flatMap((s) => s.experts ?? []));
    for (const agency of agencies) this.loops.push(this.inboxLoop(new ChaosUser(this.http, agencyActor(agency, 'chaos'), this.keys)));
    for (const id of experts) this.loops.push(this.inboxLoop(new ChaosUser(this.http, expertActor(id), this.keys)));
    this.loops.push(this.correctionLoop());
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.loops);
  }

  private async inboxLoop(user: ChaosUser): Promise<void> {
    while (!this.stopped) {
      const inbox = await user.get('/inbox');
      // An expert panel sits in the lead agency's inbox too, but only the experts score it.
      const mine = (s: any) => user.actor.role === 'expert' || !s.panel;
      const key = (s: any) => `${user.actor.userId}:${s.id}#${s.round}`;
      const work = inbox.status === 200 ? (inbox.body as any[]).filter((s) => this.byCaseId.has(s.caseId) && mine(s) && !this.acted.has(key(s)) && !this.inFlight.has(key(s))) : [];
      // A few at a time, as a small office would; the next poll picks up the rest.
      await Promise.all(work.slice(0, 8).map((s) => this.act(user, s, key(s)).catch((error: Error) => this.errors.push(error.message))));
      if (work.length <= 8) await sleep(400);
    }
  }

  private async act(user: ChaosUser, step: any, key: string): Promise<void> {
    const planned = this.byCaseId.get(step.caseId)!;
    this.inFlight.add(key);
    try {
      const returning = step.round === 1 && planned.returns.includes(step.name);
      const [path, body] = this.scripts.get(planned.process)?.act?.(step, user.actor.role) ?? this.engineAction(step, returning);
      const answer = await user.post(path, body);
      // 409: the step moved on without us (decided before a lost answer, or the case closed).
      if (answer.status === 200 || answer.status === 201) this.stats.decisions += 1;
      else if (answer.status === 409) this.stats.refusedByWorkflow += 1;
      this.acted.add(key);
      if (answer.status >= 400 && answer.status !== 409) throw new Error(`${user.actor.userId} ${path} → ${answer.status} ${JSON.stringify(answer.body)}`);
      if (returning) this.awaitingCorrection.add(step.caseId);
    } finally {
      this.inFlight.delete(key);
    }
  }

  /** What an agency does with an engine step: accept at 受理, otherwise approve, or return once when the scenario says. */
  private engineAction(step: any, returning: boolean): StepAction {
    if (step.kind === 'acceptance') return [`/steps/${step.id}/decision`, { decision: 'accept' }];
    return returning
      ? [`/steps/${step.id}/decision`, { decision: 'return', reason: '材料不全', correctionItems: [`补充${step.name}所需材料`] }]
      : [`/steps/${step.id}/decision`, { decision: 'approve', reason: '审查通过' }];
  }

  /** Applicants told to correct look at their case until the notice is out, then answer every item. */
  private async correctionLoop(): Promise<void> {
    while (!this.stopped) {
      await Promise.all(
        [...this.awaitingCorrection].slice(0, 16).map((caseId) =>
          this.correct(caseId).catch((error: Error) => {
            this.errors.push(error.message);
            this.awaitingCorrection.delete(caseId);
          }),
        ),
      );
      await sleep(500);
    }
  }

  private async correct(caseId: string): Promise<void> {
    const planned = this.byCaseId.get(caseId)!;
    const me = new ChaosUser(this.http, applicantActor(planned.creditCode), this.keys);
    const c = await me.get(`/cases/${caseId}`);
    if (c.status !== 200 || c.body.status !== 'awaiting-applicant') return;
    const notices = await me.get(`/cases/${caseId}/notices`);
    const notice = (notices.body as any[]).filter((d) => d.kind === 'correction-notice').pop();
    if (!notice) return;
    const answer = await me.post(`/cases/${caseId}/corrections`, { responses: notice.body.items.map((item: string) => ({ item, response: '已上传' })) });
    if (answer.status !== 200 && answer.status !== 409) throw new Error(`correction of ${caseId} → ${answer.status} ${JSON.stringify(answer.body)}`);
    this.stats.corrections += 1;
    this.awaitingCorrection.delete(caseId);
  }
}
