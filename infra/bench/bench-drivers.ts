import { Client, WorkflowHandle } from '@temporalio/client';
import { signToken } from '../../libs/auth';
import { Actor, caseIdFor } from '../../libs/domain';
import { decideStepUpdate, engineStateQuery } from '../../libs/domain/case-engine.contract';
import { HIGH_TECH } from '../../libs/processes/high-tech/high-tech-application.dto';
import { DEFAULT_HIGH_TECH_OPTIONS, HighTechInput, HighTechOptions, HighTechState, scoreExpertReviewUpdate } from '../../libs/processes/high-tech/high-tech.contract';
import { agencyActor, applicantActor, expertActor } from '../actors';

export type Variant = 'RAW' | 'FULL';
export type CasePath = 'fast' | 'normal';

/** What one case showed its users: when it was due to be sent, when its decision became visible, and each hand-over. */
export interface CaseTiming {
  variant: Variant;
  path: CasePath;
  workflowId: string;
  scheduledAt: number;
  decidedVisibleAt: number;
  /** ms from an agency's decision being sent to the next step showing for the next party. */
  handoffs: number[];
}

export interface Keys {
  privateKey: string;
  issuer: string;
  audience: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The enterprises the bench files for: eligible ones (fast path) and ones whose R&D share sends them to the normal path. */
export interface Enterprise {
  creditCode: string;
  name: string;
}

export function applicationFor(path: CasePath, e: Enterprise) {
  return path === 'fast'
    ? { creditCode: e.creditCode, techField: 'integrated-circuits' as const }
    : { creditCode: e.creditCode, enterpriseName: e.name, techField: 'integrated-circuits' as const, rdExpenses: { year: 2025, domesticYuan: 1_200_000, totalYuan: 10_000_000 } };
}


/** The options the API gives a high-tech case (its config as the bench sets it), so RAW runs the same process. */
export function benchHighTechOptions(publicNoticeSeconds: number): HighTechOptions {
  return { ...DEFAULT_HIGH_TECH_OPTIONS, publicNoticeSeconds, spotCheckPercent: 0 };
}

/** One case per call, as the variant drives it. */
export interface Driver {
  readonly variant: Variant;
  run(path: CasePath, enterprise: Enterprise, workflowKey: string, scheduledAt: number): Promise<CaseTiming>;
}

/**
 * RAW: the same workflow bundle started straight through the Temporal client with read-model
 * writes off; agency steps decided by updates, seen by querying the workflow.
 */
export class RawDriver implements Driver {
  readonly variant = 'RAW' as const;
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly options: HighTechOptions,
    private readonly pollMs: number,
  ) {}

  async run(path: CasePath, enterprise: Enterprise, key: string, scheduledAt: number): Promise<CaseTiming> {
    // By its type name, as the API starts it: infra imports no workflow code.
    const input: HighTechInput = { application: applicationFor(path, enterprise), options: this.options, filedBy: applicantActor(enterprise.creditCode), readModelWrites: false };
    const handle = await this.client.workflow.start(HIGH_TECH.workflowType, {
      workflowId: caseIdFor(HIGH_TECH.code, key),
      taskQueue: this.taskQueue,
      args: [input],
    });
    const handoffs: number[] = [];
    if (path === 'normal') await this.playAgencies(handle, handoffs);
    const result = (await handle.result()) as HighTechState;
    if (result.status !== 'certified') throw new Error(`${handle.workflowId} ended ${result.status}`);
    return { variant: 'RAW', path, workflowId: handle.workflowId, scheduledAt, decidedVisibleAt: Date.now(), handoffs };
  }

  private async openStep(handle: WorkflowHandle, name: string) {
    for (;;) {
      const state = await handle.query(engineStateQuery);
      const step = state.steps.find((s) => s.name === name && (s.status === 'open' || s.status === 'claimed'));
      if (step) return step;
      await sleep(this.pollMs);
    }
  }

  private async playAgencies(handle: WorkflowHandle, handoffs: number[]): Promise<void> {
    const zgc = agencyActor('zgc', 'bench');
    const acceptance = await this.openStep(handle, '受理');
    let sent = Date.now();
    await handle.executeUpdate(decideStepUpdate, { args: [{ stepId: acceptance.id, actor: zgc, decision: 'accept' }] });
    const review = await this.openStep(handle, '形式审查');
    handoffs.push(Date.now() - sent);
    sent = Date.now();
    await handle.executeUpdate(decideStepUpdate, { args: [{ stepId: review.id, actor: zgc, decision: 'approve', reason: '材料齐全' }] });
    const panel = await this.openStep(handle, '专家评审');
    handoffs.push(Date.now() - sent);
    sent = Date.now();
    await Promise.all(
      (panel.panel?.members ?? []).map((m) =>
        handle.executeUpdate(scoreExpertReviewUpdate, { args: [{ stepId: panel.id, actor: expertActor(m.userId), score: 85, opinion: '研发投入真实' }] }),
      ),
    );
    const [finance, tax] = await Promise.all([this.openStep(handle, '联合审查（市财政局）'), this.openStep(handle, '联合审查（北京市税务局）')]);
    handoffs.push(Date.now() - sent);
    await Promise.all([
      handle.executeUpdate(decideStepUpdate, { args: [{ stepId: finance.id, actor: agencyActor('finance', 'bench'), decision: 'approve' }] }),
      handle.executeUpdate(decideStepUpdate, { args: [{ stepId: tax.id, actor: agencyActor('tax', 'bench'), decision: 'approve' }] }),
    ]);
  }
}

async function call(baseUrl: string, method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return text ? JSON.parse(text) : undefined;
}

/** How long a long poll asks the API to hold it (Prefer: wait=N). */
const WAIT_SECONDS = 20;

/**
 * A conditional GET that waits for a change (If-None-Match + Prefer: wait): what a console does
 * to stay current without hammering the API. Answers the new body, or undefined on 304.
 */
async function longPoll(baseUrl: string, path: string, token: string, etag: string | undefined): Promise<{ etag?: string; body?: any }> {
  const response = await fetch(`${baseUrl}${path}`, {
    headers: { authorization: `Bearer ${token}`, ...(etag ? { 'if-none-match': etag, prefer: `wait=${WAIT_SECONDS}` } : {}) },
  });
  const text = await response.text();
  if (response.status === 304) return { etag };
  if (!response.ok) throw new Error(`GET ${path} → ${response.status} ${text}`);
  return { etag: response.headers.get('etag') ?? undefined, body: JSON.parse(text) };
}

/**
 * One party's inbox, long-polled as their console would: every step first seen is stamped, and
 * whoever waits for a step is told when it shows. One poll loop per party, however many cases.
 */
class InboxWatch {
  private readonly seen = new Map<string, { at: number; step: any }>();
  private readonly waiters = new Map<string, Array<(v: { at: number; step: any }) => void>>();
  private running = true;
  private readonly loop: Promise<void>;
  private readonly stopped = new AbortController();

  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    retryMs: number,
  ) {
    this.loop = (async () => {
      let etag: string | undefined;
      while (this.running) {
        const answer = await Promise.race([
          longPoll(this.baseUrl, '/inbox', this.token, etag).catch(() => sleep(retryMs).then(() => ({ etag, body: undefined }))),
          new Promise<undefined>((resolve) => this.stopped.signal.addEventListener('abort', () => resolve(undefined))),
        ]);
        if (!answer?.body) continue;
        etag = answer.etag;
        const now = Date.now();
        for (const s of answer.body as any[]) {
          const key = `${s.caseId}/${s.name}`;
          if (this.seen.has(key)) continue;
          const hit = { at: now, step: s };
          this.seen.set(key, hit);
          for (const resolve of this.waiters.get(key) ?? []) resolve(hit);
          this.waiters.delete(key);
        }
      }
    })();
  }

  waitFor(caseId: string, name: string): Promise<{ at: number; step: any }> {
    const key = `${caseId}/${name}`;
    const hit = this.seen.get(key);
    if (hit) return Promise.resolve(hit);
    return new Promise((resolve) => this.waiters.set(key, [...(this.waiters.get(key) ?? []), resolve]));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopped.abort();
    await this.loop;
  }
}

/**
 * FULL: the product as its users drive it — the applicant files over HTTP with a token and
 * watches the case; agencies and experts watch their inboxes and decide over HTTP; the read
 * model is written by the workflows.
 */
export class FullDriver implements Driver {
  readonly variant = 'FULL' as const;
  private readonly tokens = new Map<string, string>();
  private readonly inboxes = new Map<string, InboxWatch>();

  constructor(
    private readonly apiUrl: string,
    private readonly keys: Keys,
    private readonly pollMs: number,
  ) {}

  private token(actor: Actor): string {
    let token = this.tokens.get(actor.userId);
    if (!token) {
      token = signToken(actor, { ...this.keys, expiresInSeconds: 6 * 3600 });
      this.tokens.set(actor.userId, token);
    }
    return token;
  }

  private inbox(actor: Actor): InboxWatch {
    let watch = this.inboxes.get(actor.userId);
    if (!watch) {
      watch = new InboxWatch(this.apiUrl, this.token(actor), this.pollMs);
      this.inboxes.set(actor.userId, watch);
    }
    return watch;
  }

  async stop(): Promise<void> {
    await Promise.all([...this.inboxes.values()].map((w) => w.stop()));
    this.inboxes.clear();
  }

  async run(path: CasePath, enterprise: Enterprise, key: string, scheduledAt: number): Promise<CaseTiming> {
    const me = this.token(applicantActor(enterprise.creditCode));
    const filed = await call(this.apiUrl, 'POST', `/cases/${HIGH_TECH.code}`, me, applicationFor(path, enterprise), { 'Idempotency-Key': key });
    const handoffs: number[] = [];
    if (path === 'normal') await this.playAgencies(filed.id, handoffs);
    // The applicant's console holds the case and long-polls for its next version.
    let etag: string | undefined;
    let c = filed;
    for (;;) {
      if (c.status === 'certified' && c.certificate) break;
      if (c.decidedAt && c.status !== 'certified') throw new Error(`${filed.id} ended ${c.status}`);
      const answer = await longPoll(this.apiUrl, `/cases/${filed.id}`, me, etag ?? `W/"v${filed.version}"`).catch(async (error: Error) => {
        if (/→ 4\d\d/.test(error.message)) throw error;
        await sleep(this.pollMs); // 503 while Postgres restarts, or the connection dropped: ask again
        return { etag, body: undefined };
      });
      etag = answer.etag;
      if (answer.body) c = answer.body;
    }
    return { variant: 'FULL', path, workflowId: filed.id, scheduledAt, decidedVisibleAt: Date.now(), handoffs };
  }

  private async decide(actor: Actor, stepId: string, body: unknown, what = 'decision'): Promise<void> {
    await call(this.apiUrl, 'POST', `/steps/${stepId}/${what}`, this.token(actor), body);
  }

  private async playAgencies(caseId: string, handoffs: number[]): Promise<void> {
    const zgc = agencyActor('zgc', 'bench');
    const acceptance = await this.inbox(zgc).waitFor(caseId, '受理');
    let sent = Date.now();
    await this.decide(zgc, acceptance.step.id, { decision: 'accept' });
    const review = await this.inbox(zgc).waitFor(caseId, '形式审查');
    handoffs.push(review.at - sent);
    sent = Date.now();
    await this.decide(zgc, review.step.id, { decision: 'approve', reason: '材料齐全' });
    // The panel is drawn from the pool: the lead agency's inbox names its members.
    const panel = await this.inbox(zgc).waitFor(caseId, '专家评审');
    const members: Array<{ userId: string }> = panel.step.panel?.members ?? [];
    const seenByExperts = await Promise.all(members.map((m) => this.inbox(expertActor(m.userId)).waitFor(caseId, '专家评审')));
    handoffs.push(Math.max(...seenByExperts.map((s) => s.at)) - sent);
    sent = Date.now();
    await Promise.all(members.map((m) => this.decide(expertActor(m.userId), panel.step.id, { score: 85, opinion: '研发投入真实' }, 'score')));
    const [finance, tax] = await Promise.all([
      this.inbox(agencyActor('finance', 'bench')).waitFor(caseId, '联合审查（市财政局）'),
      this.inbox(agencyActor('tax', 'bench')).waitFor(caseId, '联合审查（北京市税务局）'),
    ]);
    handoffs.push(Math.max(finance.at, tax.at) - sent);
    await Promise.all([this.decide(agencyActor('finance', 'bench'), finance.step.id, { decision: 'approve' }), this.decide(agencyActor('tax', 'bench'), tax.step.id, { decision: 'approve' })]);
  }
}
