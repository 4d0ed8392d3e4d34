import { Client } from 'pg';
import { DEMO_USERS, signToken } from '../libs/auth';
import type { Actor } from '../libs/domain';
import { PROCESS_CODES, registeredActions } from '../libs/processes';
import { UNSTORABLE_SAMPLES, VANISHING_KEYS, objectPaths, operationsOf, roleForPath, setPath, stringFields, wtf8Percent } from './openapi-walk';
import { startStack } from './stack';

/**
 * npm run fuzz: starts its own stack, then sends hand-written and generated bad requests to
 * every operation the API publishes — malformed, oversized, wrongly typed, injection-shaped,
 * out of order, badly authenticated. Every answer must be a 4xx that names the problem; no 5xx;
 * and nothing may be written (cases, timeline, documents unchanged).
 */
interface Shot {
  method: string;
  path: string;
  body?: string;
  headers?: Record<string, string>;
  label: string;
  /** What the answer must be beyond "a named 4xx": this status, naming this field under this rule. */
  expect?: { status: number; field?: string; rule?: string };
}

const INJECTIONS = ["' OR '1'='1' --", '"; DROP TABLE cases; --', '<script>alert(1)</script>', '../../../../etc/passwd', '%00', '{{7*7}}', '${jndi:ldap://x}', '\u0000', '😀'.repeat(50)];
const WRONG_TYPES: unknown[] = [null, true, 12345, -1, 1e308, 'text', [], {}, [1, 2], { nested: { deep: true } }, '', ' '];

function progress(done: number, total: number): void {
  const width = 40;
  const filled = Math.round((done / total) * width);
  process.stdout.write(`\r  [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total}`);
}

async function main(): Promise<void> {
  console.log('starting a throwaway stack for the fuzz run …');
  const stack = await startStack({ persistent: false, apps: 'children', log: () => undefined, settings: { RATE_LIMIT_PER_MINUTE: '1000000' } });
  const base = stack.urls.api;
  const sign = (actor: Actor, extra: { audience?: string; expiresInSeconds?: number } = {}) =>
    signToken(actor, {
      privateKey: stack.env.AUTH_DEV_PRIVATE_KEY,
      issuer: stack.env.AUTH_JWT_ISSUER,
      audience: extra.audience ?? stack.env.AUTH_JWT_AUDIENCE,
      expiresInSeconds: extra.expiresInSeconds,
    });
  const byRole = (role: Actor['role']) => DEMO_USERS.find((u) => u.role === role)!;
  const tokens = {
    applicant: sign(byRole('applicant')),
    agency: sign(byRole('agency')),
    supervisor: sign(byRole('supervisor')),
    expert: sign(byRole('expert')),
  };
  const db = new Client({ connectionString: stack.env.DATABASE_URL });
  await db.connect();
  const counts = async () =>
    (await db.query(`SELECT (SELECT count(*) FROM cases)::int AS cases, (SELECT count(*) FROM timeline_entries)::int AS timeline, (SELECT count(*) FROM documents)::int AS documents`)).rows[0];

  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the OpenAPI document, read as published
    const spec: any = await (await fetch(`${base}/docs-json`)).json();
    const operations = Object.entries(spec.paths as Record<string, Record<string, { requestBody?: { content?: Record<string, { schema?: { $ref?: string } }> } }>>).flatMap(
      ([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
    );
    const schemaOf = (op: (typeof operations)[number]['op']) => {
      const ref = op.requestBody?.content?.['application/json']?.schema?.$ref;
      return ref ? spec.components.schemas[ref.split('/').pop()!] : undefined;
    };
    const shots: Shot[] = [];
    const auth = (role: keyof typeof tokens) => ({ authorization: `Bearer ${tokens[role]}` });

    // ——— hand-written ———
    const key = { 'Idempotency-Key': 'fuzz-key-0001' };
    const filing = (process: string, body: unknown, headers: Record<string, string> = {}) =>
      shots.push({ method: 'POST', path: `/cases/${process}`, body: typeof body === 'string' ? body : JSON.stringify(body), headers: { ...auth('applicant'), ...key, ...headers }, label: `file ${process}` });
    for (const process of PROCESS_CODES) {
      filing(process, '{"creditCode": ');
      filing(process, '[]');
      filing(process, 'null');
      filing(process, '"just a string"');
      filing(process, '{}');
      filing(process, JSON.stringify({ a: 'x'.repeat(200_000) }));
      filing(process, { creditCode: '91110108MA01XQ4T7X' });
      filing(process, {}, { 'Idempotency-Key': '' });
      filing(process, {}, { 'Idempotency-Key': 'short' });
      filing(process, {}, { 'Idempotency-Key': '../../etc/passwd' });
      filing(process, {}, { 'content-type': 'text/plain' });
      filing(process, { __proto__: { admin: true }, constructor: { prototype: { x: 1 } } });
      for (const injection of INJECTIONS) filing(process, { creditCode: injection, enterpriseName: injection, employerCreditCode: injection });
    }
    for (const injection of INJECTIONS) {
      shots.push({ method: 'GET', path: `/cases/${encodeURIComponent(injection)}`, headers: auth('supervisor'), label: 'case id injection' });
      shots.push({ method: 'GET', path: `/verify/certificates/${encodeURIComponent(injection)}`, label: 'certificate injection' });
      shots.push({ method: 'GET', path: `/verify/compliance/${encodeURIComponent(injection)}`, label: 'compliance injection' });
      shots.push({ method: 'POST', path: `/steps/${encodeURIComponent(injection)}/decision`, body: JSON.stringify({ decision: 'approve' }), headers: auth('agency'), label: 'step id injection' });
    }
    // Out of order: acting on steps and cases that are not there, or not in that state.
    // The engine's step actions, and each process's own (by the registry) on a step of a case of its process that is not there.
    const [first] = PROCESS_CODES;
    const stepShots: Array<[string, keyof typeof tokens]> = [
      [`/steps/${first}-nope.1/claim`, 'agency'],
      [`/steps/${first}-nope.1/decision`, 'agency'],
      ...registeredActions('step').map(({ definition, processes }): [string, keyof typeof tokens] => [`/steps/${processes[0].code}-nope.1/${definition.action}`, definition.roles[0] as keyof typeof tokens]),
    ];
    for (const [path, role] of stepShots) {
      shots.push({ method: 'POST', path, body: JSON.stringify({ decision: 'approve', name: 'x', phone: '010-55550000', amountYuan: 1, score: 80, opinion: 'x' }), headers: auth(role), label: 'out of order' });
    }
    for (const path of [`/cases/${first}-nope/corrections`, `/cases/${first}-nope/withdraw`]) {
      shots.push({ method: 'POST', path, body: JSON.stringify({ responses: [{ item: 'x', response: 'y' }] }), headers: auth('applicant'), label: 'out of order' });
    }
    for (const { definition, processes } of registeredActions('public')) {
      shots.push({ method: 'POST', path: `/public-notices/${processes[0].code}-nope/${definition.action}`, body: JSON.stringify({ name: 'x', contact: 'y', reason: 'z' }), label: `${definition.action}, no such case` });
    }
    // Badly authenticated.
    const me = byRole('supervisor');
    for (const token of [
      'garbage',
      sign(me, { audience: 'someone-else' }),
      sign(me, { expiresInSeconds: -60 }),
      `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: 'x', name: 'x', role: 'supervisor' })).toString('base64url')}.`,
      `${tokens.supervisor.slice(0, -4)}AAAA`,
    ]) {
      shots.push({ method: 'GET', path: '/supervision/overview', headers: { authorization: `Bearer ${token}` }, label: 'bad token' });
    }

    // ——— generated: every published operation with a body, every property given every wrong type ———
    for (const { method, path, op } of operations) {
      const concrete = path.replace(/\{[^}]+\}/g, 'fuzz-target');
      const headers = { ...auth(roleForPath(path, method)), ...(path.startsWith('/cases/') && method === 'POST' ? key : {}) };
      const schema = schemaOf(op);
      if (method === 'GET') {
        shots.push({ method, path: `${concrete}?limit=abc&offset=-1&status=${encodeURIComponent(INJECTIONS[0])}`, headers, label: 'query' });
        continue;
      }
      shots.push({ method, path: concrete, body: '{"broken": ', headers, label: 'bad JSON' });
      shots.push({ method, path: concrete, body: JSON.stringify({ unknownField: 1 }), headers, label: 'unknown field' });
      for (const prop of Object.keys(schema?.properties ?? {})) {
        for (const wrong of WRONG_TYPES) shots.push({ method, path: concrete, body: JSON.stringify({ [prop]: wrong }), headers, label: `${prop} as ${JSON.stringify(wrong)?.slice(0, 20)}` });
      }
    }

    // ——— generated: input that would freeze a case or break the audit chain (issue 14) ———
    const withBodies = operationsOf(spec).filter((o) => o.body);
    for (const op of withBodies) {
      const concrete = op.path.replace(/\{[^}]+\}/g, 'fuzz-target');
      const headers = { ...auth(roleForPath(op.path, op.method)), ...(op.path.startsWith('/cases/') && op.method === 'POST' ? key : {}) };
      // Text Postgres cannot store, in every string field and in a key.
      for (const field of stringFields(spec, op.body)) {
        for (const bad of UNSTORABLE_SAMPLES) {
          shots.push({ method: op.method, path: concrete, body: JSON.stringify(setPath({}, field, `北京${bad.text}云桥`)), headers, label: `${field} with ${bad.label}`, expect: { status: 400, field, rule: 'storableText' } });
        }
      }
      for (const bad of UNSTORABLE_SAMPLES) {
        shots.push({ method: op.method, path: concrete, body: JSON.stringify({ [`键${bad.text}`]: 1 }), headers, label: `a key with ${bad.label}`, expect: { status: 400, rule: 'storableText' } });
      }
      // Keys that used to vanish with a 201, at every level.
      for (const at of objectPaths(spec, op.body)) {
        for (const vanishing of VANISHING_KEYS) {
          const field = at ? `${at}.${vanishing}` : vanishing;
          shots.push({ method: op.method, path: concrete, body: JSON.stringify(setPath({}, field, { admin: true })), headers, label: `unknown key ${field}`, expect: { status: 400, field, rule: 'whitelistValidation' } });
        }
      }
      // Nested far beyond any DTO (6,000 levels, under 64 KB): 400, not a 500 from a recursion.
      shots.push({ method: op.method, path: concrete, body: `{"a":${'['.repeat(6000)}${']'.repeat(6000)}}`, headers, label: 'nested 6,000 levels', expect: { status: 400, field: 'body', rule: 'maxDepth' } });
    }
    for (const op of operationsOf(spec)) {
      const headers = { ...auth(roleForPath(op.path, op.method)), ...(op.path.startsWith('/cases/') && op.method === 'POST' ? key : {}) };
      for (const param of op.parameters) {
        for (const bad of UNSTORABLE_SAMPLES) {
          const encoded = wtf8Percent(`bj${bad.text}yq`);
          const path = param.in === 'path' ? op.path.replace(`{${param.name}}`, encoded).replace(/\{[^}]+\}/g, 'fuzz-target') : `${op.path.replace(/\{[^}]+\}/g, 'fuzz-target')}?${param.name}=${encoded}`;
          shots.push({ method: op.method, path, body: op.method === 'GET' ? undefined : '{}', headers, label: `${param.in} ${param.name} with ${bad.label}`, expect: { status: 400, field: param.in === 'path' ? 'path' : param.name, rule: 'storableText' } });
        }
      }
    }
    // Integer query parameters: every value outside the bounds is a 400 naming the parameter.
    for (const query of ['offset=99999999999999999999', 'offset=-1', 'offset=100001', 'limit=0', 'limit=201', 'limit=1e2', 'limit=0x10', 'limit=1.5', 'limit=', 'limit=5&limit=6']) {
      shots.push({ method: 'GET', path: `/cases?${query}`, headers: auth('supervisor'), label: `bounds ${query}`, expect: { status: 400, field: query.split('=')[0], rule: 'isIntegerInRange' } });
    }

    const before = await counts();
    const summary = { requests: 0, ok: 0, c4xx: 0, c5xx: 0, unnamed: 0, unexpected: 0 };
    const problems: string[] = [];
    console.log(`sending ${shots.length} requests to ${operations.length} operations`);
    for (const [i, s] of shots.entries()) {
      const response = await fetch(`${base}${s.path}`, { method: s.method, headers: { 'content-type': 'application/json', ...s.headers }, body: s.body });
      const text = await response.text();
      summary.requests += 1;
      if (response.status >= 500) {
        summary.c5xx += 1;
        problems.push(`5xx ${response.status} ${s.method} ${s.path} (${s.label}): ${text.slice(0, 200)}`);
      } else if (response.status >= 400) {
        summary.c4xx += 1;
        let message = '';
        try {
          message = JSON.parse(text).message ?? '';
        } catch {
          message = '';
        }
        if (!String(message).trim()) {
          summary.unnamed += 1;
          problems.push(`unnamed ${response.status} ${s.method} ${s.path} (${s.label}): ${text.slice(0, 200)}`);
        }
      } else {
        summary.ok += 1;
      }
      if (s.expect && response.status < 500) {
        let errors: Array<{ field?: string; rule?: string }> = [];
        try {
          errors = JSON.parse(text).errors ?? [];
        } catch {
          errors = [];
        }
        const named = errors.some((e) => (!s.expect!.field || e.field === s.expect!.field) && (!s.expect!.rule || e.rule === s.expect!.rule));
        if (response.status !== s.expect.status || !named) {
          summary.unexpected += 1;
          problems.push(`unexpected ${response.status} ${s.method} ${s.path.slice(0, 80)} (${s.label}), wanted ${JSON.stringify(s.expect)}: ${text.slice(0, 160)}`);
        }
      }
      if (i % 25 === 0 || i === shots.length - 1) progress(i + 1, shots.length);
    }
    process.stdout.write('\n');
    const after = await counts();
    const written = JSON.stringify(before) !== JSON.stringify(after);
    for (const p of problems.slice(0, 30)) console.log(`  ${p}`);
    console.log(`read model before ${JSON.stringify(before)} after ${JSON.stringify(after)}: ${written ? 'WRITTEN TO' : 'nothing written'}`);
    console.log(`requests: ${summary.requests}  4xx: ${summary.c4xx}  5xx: ${summary.c5xx}  2xx: ${summary.ok}  unnamed: ${summary.unnamed}  unexpected: ${summary.unexpected}`);
    process.exitCode = summary.c5xx || summary.unnamed || summary.unexpected || written ? 1 : 0;
  } finally {
    await db.end();
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
