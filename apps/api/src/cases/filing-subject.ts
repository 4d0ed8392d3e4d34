import { createHmac, hkdfSync } from 'node:crypto';
import { maskPassport } from '../../../../libs/domain';

/**
 * Who or what a filing is about, for the one-open-case rule: an enterprise (its credit code),
 * or a foreign talent at one employer. The claim stores `keys[0]`; further keys are the same
 * subject under a rotated-out payload key, still recognised.
 */
export interface FilingSubject {
  keys: string[];
  /** The field a refusal names. */
  field: string;
  /** The subject in a refusal's words: 该企业, 该外籍人才（护照 C4****71）在本单位. */
  described: string;
}

export function enterpriseSubject(creditCode: string): FilingSubject {
  return { keys: [creditCode], field: 'creditCode', described: '该企业' };
}

/**
 * A talent is their passport (with the issuing nationality: two countries may issue the same
 * number) at one employer. The passport must never be stored in clear, so the subject is an
 * HMAC under a key derived (HKDF) from each payload key: the same talent always gives the same
 * subject, and without the key nobody can test a passport number against the table.
 */
export class TalentSubjects {
  private readonly keys: Buffer[];

  constructor(payloadKey: string, previousPayloadKeys?: string) {
    const keys = [payloadKey, ...(previousPayloadKeys ?? '').split(',').map((k) => k.trim()).filter(Boolean)];
    this.keys = keys.map((k) => Buffer.from(hkdfSync('sha256', Buffer.from(k, 'base64'), Buffer.alloc(0), 'beijing-approvals subject-claims talent v1', 32)));
  }

  of(employerCreditCode: string, talent: { nationality: string; passportNumber: string }): FilingSubject {
    const text = `${talent.nationality}\n${talent.passportNumber}\n${employerCreditCode}`;
    return {
      keys: this.keys.map((key) => `t1:${createHmac('sha256', key).update(text).digest('base64url')}`),
      field: 'talent.passportNumber',
      described: `该外籍人才（护照 ${maskPassport(talent.passportNumber)}）在本单位`,
    };
  }
}
