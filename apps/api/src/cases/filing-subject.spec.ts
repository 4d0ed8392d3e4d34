import { randomBytes } from 'node:crypto';
import { HIGH_TECH } from '../../../../libs/processes/high-tech/high-tech-application.dto';
import { TALENT_PERMITS } from '../../../../libs/processes/talent-permits/talent-permits-application.dto';
import type { TalentApplication } from '../../../../libs/processes/talent-permits/talent-permits.contract';
import { FilingSubjects } from './filing-subject';

const key = () => randomBytes(32).toString('base64');
const talent = { nationality: 'DEU', passportNumber: 'C4XK29T71' };
const EMPLOYER = '91110108MA01XQ4T72';
/** A talent's subject as the process's contract names it. */
const talentAt = (employerCreditCode: string, t: typeof talent) => TALENT_PERMITS.subjectOf({ employerCreditCode, talent: t } as unknown as TalentApplication);

describe('filing subjects', () => {
  it('is the credit code for an enterprise', () => {
    expect(new FilingSubjects(key()).of(HIGH_TECH.subjectOf({ creditCode: EMPLOYER, techField: 'biomedicine' }))).toEqual({ keys: [EMPLOYER], field: 'creditCode', described: '该企业' });
  });

  it('is the same keyed hash for the same talent at the same employer, and never the passport', () => {
    const k = key();
    const subject = new FilingSubjects(k).of(talentAt(EMPLOYER, talent));
    expect(new FilingSubjects(k).of(talentAt(EMPLOYER, { ...talent })).keys).toEqual(subject.keys);
    expect(subject.keys).toEqual([expect.stringMatching(/^t1:[A-Za-z0-9_-]{43}$/)]);
    expect(JSON.stringify(subject)).not.toContain('C4XK29T71');
    expect(subject.described).toBe('该外籍人才（护照 C4****71）在本单位');
    expect(subject.field).toBe('talent.passportNumber');
  });

  it('hashes a talent as claims stored before the registry did (a fixed payload key and its claim key)', () => {
    const fixed = 'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=';
    expect(new FilingSubjects(fixed).of(talentAt(EMPLOYER, talent)).keys).toEqual(['t1:y-6uoYdbTfUzV05tfOHLKPj6yOHs0jumehwc1MT3Ya4']);
  });

  it('tells apart another employer, another issuing country, and another key', () => {
    const k = key();
    const [subject] = new FilingSubjects(k).of(talentAt(EMPLOYER, talent)).keys;
    expect(new FilingSubjects(k).of(talentAt('91110105MA02LK8P3N', talent)).keys[0]).not.toBe(subject);
    expect(new FilingSubjects(k).of(talentAt(EMPLOYER, { ...talent, nationality: 'FRA' })).keys[0]).not.toBe(subject);
    expect(new FilingSubjects(key()).of(talentAt(EMPLOYER, talent)).keys[0]).not.toBe(subject);
  });

  it('still recognises a talent claimed under a key since rotated out', () => {
    const old = key();
    const [before] = new FilingSubjects(old).of(talentAt(EMPLOYER, talent)).keys;
    const rotated = new FilingSubjects(key(), ` ${key()}, ${old}`).of(talentAt(EMPLOYER, talent));
    expect(rotated.keys).toHaveLength(3);
    expect(rotated.keys[0]).not.toBe(before);
    expect(rotated.keys).toContain(before);
  });
});
