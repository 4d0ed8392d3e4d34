import { ChainedEntry, chainHash, storedEntry } from './audit-chain';

const entry: ChainedEntry = {
  caseId: 'high-tech-demo-chip-2025-001',
  seq: 3,
  at: '2025-03-04T05:06:07.089Z',
  actor: 'zgc-reviewer',
  role: 'agency',
  agency: 'zgc',
  action: 'step-decided',
  reason: '材料不全，请补正 😀',
  detail: { stepId: 'x.1', items: ['补充审计报告', 2, null, { b: 1, a: [true, 1.5e21] }], from: 'finance' },
};

describe('the audit chain hash', () => {
  it('is unchanged for text Postgres holds exactly: chains written before still verify', () => {
    // Computed with the chain hash as it was before it hashed the stored form.
    expect(chainHash(null, entry)).toBe('5e1381a1e2ed8a2a2f65bd2e171d703ea8fe0f170a3073bc6a62a7140931b1b3');
    expect(chainHash('ab'.repeat(32), { ...entry, agency: null, reason: null, detail: null })).toBe('e01d2470a58fdb543a0577cba88bf9f91abc182ca4e2e25ecedbc1897eea2a15');
  });

  it('covers what the row will hold, so the verifier reading the row back gets the same hash', () => {
    const raw: ChainedEntry = {
      ...entry,
      actor: `x${' '.repeat(120)}`,
      reason: '北京\ud800云桥\u0000',
      detail: { name: '\udc00\ud800', minus: -0, gone: undefined, when: new Date(0), ['k\ud800']: [undefined] },
    };
    const stored = storedEntry(raw);
    expect(stored).toEqual(
      expect.objectContaining({ actor: `x${' '.repeat(99)}`, reason: '北京\ufffd云桥\ufffd', detail: { name: '\ufffd\ufffd', minus: 0, when: '1970-01-01T00:00:00.000Z', 'k\ufffd': [null] } }),
    );
    // As audit:verify hands it in: the instant as a Date, jsonb's key order, the stored text.
    const readBack = { ...stored, at: new Date(stored.at) as unknown as string, detail: JSON.parse(JSON.stringify(stored.detail, Object.keys(stored.detail as object).reverse())) };
    expect(chainHash(null, readBack)).toBe(chainHash(null, raw));
    expect(storedEntry(stored)).toEqual(stored);
  });
});
