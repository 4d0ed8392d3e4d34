import { Client, WorkflowHandle } from '@temporalio/client';
import { signToken } from '../../libs/auth';
import { Actor, DepartmentCode, caseIdFor } from '../../libs/domain';
import { DecideStepInput, decideStepUpdate, engineStateQuery } from '../../libs/domain/case-engine.contract';
import { BenchEnterprise, BenchPort, BenchStep, ProcessBench, ProcessDefinition, actionInput, actionOf } from '../../libs/processes';
import { agencyActor, applicantActor, expertActor } from '../actors';

export type Variant = 'RAW' | 'FULL';
/** A way through the measured process, as its bench script names them (`fast`, `normal`). */
export type CasePath = string;

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

/** The enterprises the bench files for (bench-enterprises.ts seeds them in the departments). */
export type Enterprise = BenchEnterprise;

/** The process measured: its definition from the registry and the bench script from its own folder (libs/processes/<code>/<code>.bench.ts). */
export interface Measured {
  process: ProcessDefinition;
  script: ProcessBench;
}

/** The officials of a bench run: users of their own, apart from anyone else's. */
const officials = { agency: (agency: DepartmentCode) => agencyActor(agency, 'bench'), expert: expertActor };

/** One case per call, as the variant drives it. */
export interface Driver {
  readonly variant: Variant;
  run(path: CasePath, enterprise: Enterprise, workflowKey: string, scheduledAt: number): Promise<CaseTiming>;
}

/**
 * RAW: the same workflow bundle started straight through the Temporal client with read-model
 * writes off; officials' moves sent as updates, steps seen by querying the workflow.
 */
export class RawDriver implements Driver {
  readonly variant = 'RAW' as const;
  constructor(
    private readonly client: Client,
    private readonly taskQueue: string,
    private readonly measured: Measured,
    private readonly options: Record<string, unknown>,
    private readonly pollMs: number,
  ) {}

  async run(path: CasePath, enterprise: Enterprise, key: string, scheduledAt: number): Promise<CaseTiming> {
    const { process, script } = this.measured;
    // By its type name, as the API starts it: infra imports no workflow code.
    const input = { application: script.application(path, enterprise), options: this.options, filedBy: applicantActor(enterprise.creditCode), readModelWrites: false };
    const handle = await this.client.workflow.start(process.workflowType, { workflowId: caseIdFor(process.code, key), taskQueue: this.taskQueue, args: [input] });
    const handoffs: number[] = [];
    await script.play(path, this.port(handle), handle.workflowId, handoffs);
    const result = (await handle.result()) as { status: string };
    if (result.status !== script.endStatus) throw new Error(`${handle.workflowId} ended ${result.status}`);
    return { variant: 'RAW', path, workflowId: handle.workflowId, scheduledAt, decidedVisibleAt: Date.now(), handoffs };
  }

  private port(handle: WorkflowHandle): BenchPort {
    const { process } = this.measured;
    return {
      ...officials,
      waitFor: async (_party, _caseId, name) => ({ step: await this.openStep(handle, name), at: Date.now() }),
      decide: async (actor, stepId, body) => void (await handle.executeUpdate(decideStepUpdate, { args: [{ stepId, actor, ...body } as unknown as DecideStepInput] })),
      act: async (actor, stepId, name, body) => {
        const action = actionOf(process, 'step', name);
        if (!action) throw new Error(`${process.code} has no step action ${name}`);
        await handle.executeUpdate(action.update, { args: [actionInput(action, body, { caseId: handle.workflowId, stepId, actor })] });
      },
    };
  }

  private async openStep(handle: WorkflowHandle, name: string): Promise<BenchStep> {
    for (;;) {
      const state = await handle.query(engineStateQuery);
      const step = state.steps.find((s) => s.name === name && (s.status === 'open' || s.status === 'claimed'));
      if (step) return step as BenchStep;
      await sleep(this.pollMs);
    }
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
 * watches the case; officials watch their inboxes and act over HTTP (a process's own actions at
 * their generic route); the read model is written by the workflows.
 */
export class FullDriver implements Driver {
  readonly variant = 'FULL' as const;
  private readonly tokens = new Map<string, string>();
  private readonly inboxes = new Map<string, InboxWatch>();
  private readonly port: BenchPort;

  constructor(
    private readonly apiUrl: string,
    private readonly keys: Keys,
    private readonly measured: Measured,
    private readonly pollMs: number,
  ) {
    this.port = {
      ...officials,
      waitFor: (party, caseId, name) => this.inbox(party).waitFor(caseId, name),
      decide: (actor, stepId, body) => call(this.apiUrl, 'POST', `/steps/${stepId}/decision`, this.token(actor), body),
      act: (actor, stepId, action, body) => call(this.apiUrl, 'POST', `/steps/${stepId}/actions/${action}`, this.token(actor), body),
    };
  }

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
    const { process, script } = this.measured;
    const me = this.token(applicantActor(enterprise.creditCode));
    const filed = await call(this.apiUrl, 'POST', `/cases/${process.code}`, me, script.application(path, enterprise), { 'Idempotency-Key': key });
    const handoffs: number[] = [];
    await script.play(path, this.port, filed.id, handoffs);
    // The applicant's console holds the case and long-polls for its next version.
    let etag: string | undefined;
    let c = filed;
    for (;;) {
      if (script.shownDone(c)) break;
      if (c.decidedAt && c.status !== script.endStatus) throw new Error(`${filed.id} ended ${c.status}`);
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
}
