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
    if (!response.ok) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text ? JSON.parse(text) : undefined;
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
