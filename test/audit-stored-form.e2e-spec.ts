import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { ReadModelActivities } from '../activities/read-model.activities';
import { verifyAuditChain } from '../infra/audit-verify';
import type { CaseProjection, TimelineEntry } from '../libs/domain';
import { PersonalDataSeal, readModelDataSourceOptions } from '../libs/persistence';

/**
 * The audit chain hashes what Postgres holds, not the JS value handed to the projection: every
 * way the stored text or jsonb can differ from that value (text it cannot store, jsonb's own
 * normalisation, varchar's silent cut) is written through the real projection, then checked by
 * the verifier `npm run audit:verify` runs.
 */
describe('the audit chain covers what is stored', () => {
  let dataSource: DataSource;
  let readModel: ReadModelActivities;
  beforeAll(async () => {
    dataSource = new DataSource(readModelDataSourceOptions(process.env.DATABASE_URL!));
    await dataSource.initialize();
    readModel = new ReadModelActivities(dataSource, PersonalDataSeal.fromSettings({ TEMPORAL_PAYLOAD_KEY: process.env.TEMPORAL_PAYLOAD_KEY! }));
  });
  afterAll(async () => dataSource?.destroy());

  function projection(timeline: TimelineEntry[], application: Record<string, unknown> = { creditCode: '91110108MA01XQ4T72' }): CaseProjection {
    const id = `high-tech-stored-form-${randomUUID()}`;
    return {
      snapshot: { id, process: 'high-tech', status: 'acceptance', applicantId: '91110108MA01XQ4T72', title: '北京云桥科技有限公司', version: 1, filedAt: '2025-03-04T05:06:07.089Z', application },
      timeline,
    };
  }
  const entry = (seq: number, extra: Partial<TimelineEntry> = {}): TimelineEntry => ({ seq, at: `2025-03-04T05:06:0${seq}.089Z`, actor: 'zgc-reviewer', role: 'agency', agency: 'zgc', action: 'step-decided', ...extra });

  it('text Postgres would alter (a lone surrogate in text, spaces past a varchar width): written as stored, and the chain verifies', async () => {
    const p = projection([entry(1, { reason: '北京\ud800云桥' }), entry(2, { actor: `applicant-${' '.repeat(120)}`, reason: '\udc00\ud800 😀' }), entry(3)]);
    await readModel.project(p);
    const rows = await dataSource.query(`SELECT actor, reason FROM timeline_entries WHERE case_id = $1 ORDER BY seq`, [p.snapshot.id]);
    expect(rows.map((r: { reason: string | null }) => r.reason)).toEqual(['北京\ufffd云桥', '\ufffd\ufffd 😀', null]);
    expect(rows[1].actor).toBe(`applicant-${' '.repeat(90)}`);
    const report = await verifyAuditChain(process.env.DATABASE_URL!, p.snapshot.id);
    expect(report).toEqual({ cases: 1, entries: 3, broken: [] });
  });

  it('detail jsonb would refuse or normalise (surrogates, NUL, -0, huge and tiny numbers, undefined, a Date, key order, __proto__): the case is written and the chain verifies', async () => {
    const detail = JSON.parse('{"__proto__": {"admin": true}, "z": 1, "a": 2}') as Record<string, unknown>;
    Object.assign(detail, {
      name: '北京\ud800云桥',
      ['键\udc00']: '\u0000',
      numbers: [-0, 1e21, 5e-324, 1.7976931348623157e308, 0.1 + 0.2, 2 ** 53 + 2, NaN, Infinity],
      gone: undefined,
      list: [undefined, { when: new Date(0) }],
      nested: { b: { d: 1, c: [true, null, '😀'] }, a: '' },
    });
    const p = projection([entry(1, { detail }), entry(2, { detail: { from: 'zgc', note: 'a\u0000b' } })], { creditCode: '91110108MA01XQ4T72', enterpriseName: '北京\ud800云桥' });
    await readModel.project(p);
    const [stored] = await dataSource.query(`SELECT detail FROM timeline_entries WHERE case_id = $1 AND seq = 1`, [p.snapshot.id]);
    expect(stored.detail).toEqual(expect.objectContaining({ name: '北京\ufffd云桥', '键\ufffd': '\ufffd', numbers: [0, 1e21, 5e-324, 1.7976931348623157e308, 0.30000000000000004, 2 ** 53 + 2, null, null] }));
    const [row] = await dataSource.query(`SELECT application FROM cases WHERE id = $1`, [p.snapshot.id]);
    expect(row.application.enterpriseName).toBe('北京\ufffd云桥');
    expect(await verifyAuditChain(process.env.DATABASE_URL!, p.snapshot.id)).toEqual({ cases: 1, entries: 2, broken: [] });
    // A retried projection writes nothing twice and the chain still holds.
    await readModel.project(p);
    expect(await verifyAuditChain(process.env.DATABASE_URL!, p.snapshot.id)).toEqual({ cases: 1, entries: 2, broken: [] });
  });
});
