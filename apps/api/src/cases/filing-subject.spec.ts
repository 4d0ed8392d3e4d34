import { randomBytes } from 'node:crypto';
import { TalentSubjects, enterpriseSubject } from './filing-subject';

const key = () => randomBytes(32).toString('base64');
const talent = { nationality: 'DEU', passportNumber: 'C4XK29T71' };
const EMPLOYER = '91110108MA01XQ4T72';

describe('filing subjects', () => {
  it('is the credit code for an enterprise', () => {
    expect(enterpriseSubject(EMPLOYER)).toEqual({ keys: [EMPLOYER], field: 'creditCode', described: '该企业' });
  });

  it('is the same keyed hash for the same talent at the same employer, and never the passport', () => {
    const k = key();
    const subject = new TalentSubjects(k).of(EMPLOYER, talent);
    expect(new TalentSubjects(k).of(EMPLOYER, { ...talent }).keys).toEqual(subject.keys);
    expect(subject.keys).toEqual([expect.stringMatching(/^t1:[A-Za-z0-9_-]{43}$/)]);
    expect(JSON.stringify(subject)).not.toContain('C4XK29T71');
    expect(subject.described).toBe('该外籍人才（护照 C4****71）在本单位');
  });

  it('tells apart another employer, another issuing country, and another key', () => {
    const k = key();
    const [subject] = new TalentSubjects(k).of(EMPLOYER, talent).keys;
    expect(new TalentSubjects(k).of('91110105MA02LK8P3N', talent).keys[0]).not.toBe(subject);
    expect(new TalentSubjects(k).of(EMPLOYER, { ...talent, nationality: 'FRA' }).keys[0]).not.toBe(subject);
    expect(new TalentSubjects(key()).of(EMPLOYER, talent).keys[0]).not.toBe(subject);
  });

  it('still recognises a talent claimed under a key since rotated out', () => {
    const old = key();
    const [before] = new TalentSubjects(old).of(EMPLOYER, talent).keys;
    const rotated = new TalentSubjects(key(), ` ${key()}, ${old}`).of(EMPLOYER, talent);
    expect(rotated.keys).toHaveLength(3);
    expect(rotated.keys[0]).not.toBe(before);
    expect(rotated.keys).toContain(before);
  });
});
