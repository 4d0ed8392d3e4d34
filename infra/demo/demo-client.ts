import { uploadRequiredMaterials } from '../sample-materials';

/** A small HTTP client for demos: each role logs in through the development login and acts over the API. */
export class DemoClient {
  constructor(readonly baseUrl: string) {}

  async login(userId: string): Promise<DemoUser> {
    const answer = await this.call('POST', '/auth/dev-login', undefined, { userId });
    return new DemoUser(this, answer.token, answer.user.name);
  }

  async call(method: string, path: string, token?: string, body?: unknown, headers: Record<string, string> = {}): Promise<any> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new DemoHttpError(method, path, response.status, text);
    return text ? JSON.parse(text) : undefined;
  }
}

/** A 4xx or 5xx answer, its body kept for a demo that expects it. */
export class DemoHttpError extends Error {
  readonly body: any;
  constructor(
    method: string,
    path: string,
    readonly status: number,
    text: string,
  ) {
    super(`${method} ${path} → ${status}: ${text}`);
    try {
      this.body = JSON.parse(text);
    } catch {
      this.body = text;
    }
  }
}

/** A valid certificate as the API names it when it refuses a new certification. */
export interface HeldCertificate {
  number: string;
  validUntil: string;
  recertificationFrom: string;
}

/**
 * Files as `user`. One open case per enterprise (per talent, for 两证联办): a case an earlier run
 * left open is withdrawn first, so the demo plays from the start. A valid certificate cannot be
 * withdrawn: the refusal is shown and its certificate returned instead of a case.
 */
export async function fileAnew(user: DemoUser, path: string, body: unknown, key: string): Promise<{ filed: any } | { certificate: HeldCertificate }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return { filed: await user.post(path, body, { 'Idempotency-Key': key }) };
    } catch (error) {
      if (!(error instanceof DemoHttpError) || error.status !== 409 || attempt > 0) throw error;
      if (error.body?.certificate) {
        say(user.name, `申请被拒（409）：${error.body.message}`);
        return { certificate: error.body.certificate };
      }
      const open = error.body?.openCase?.id;
      if (!open) throw error;
      say(user.name, `已有在办案件 ${open}（此前的演示留下），先撤回再重新申请`);
      await user.post(`/cases/${open}/withdraw`, { reason: '演示重新开始' });
      await until('the withdrawal', async () => ((await user.get(`/cases/${open}`)).status === 'withdrawn' ? true : undefined));
    }
  }
}

export class DemoUser {
  constructor(
    private readonly client: DemoClient,
    private readonly token: string,
    readonly name: string,
  ) {}

  get(path: string): Promise<any> {
    return this.client.call('GET', path, this.token);
  }

  post(path: string, body: unknown = {}, headers?: Record<string, string>): Promise<any> {
    return this.client.call('POST', path, this.token, body, headers);
  }

  /** Uploads a sample of every material the process requires (POST /materials): the filing's `materials`. */
  uploadRequiredMaterials(processCode: string): Promise<Array<{ kind: string; id: string }>> {
    return uploadRequiredMaterials(this.client.baseUrl, `Bearer ${this.token}`, processCode);
  }
}

export function say(who: string, what: string): void {
  console.log(`  ${who.padEnd(16, '　')} ${what}`);
}

/** An instant as a Beijing office reads it. */
export function beijingTime(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().replace('T', ' ').slice(0, 19);
}

/** Polls until `ready` holds, showing a progress line for long waits. */
export async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 120_000): Promise<T> {
  const started = Date.now();
  let shown = false;
  let lastLogged = 0;
  while (Date.now() - started < timeoutMs) {
    const value = await probe();
    if (value !== undefined) {
      if (shown) process.stdout.write('\n');
      return value;
    }
    const secs = Math.round((Date.now() - started) / 1000);
    // A terminal gets one line that counts up; a log gets a line every 5 s.
    if (process.stdout.isTTY && secs >= 2) {
      process.stdout.write(`\r  … ${what} (${secs} s)`);
      shown = true;
    } else if (!process.stdout.isTTY && secs >= 5 && secs % 5 === 0 && secs !== lastLogged) {
      console.log(`  … ${what} (${secs} s)`);
      lastLogged = secs;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}
