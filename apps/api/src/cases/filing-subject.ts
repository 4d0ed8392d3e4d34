import { createHmac, hkdfSync } from 'node:crypto';
import type { SubjectOf } from '../../../../libs/processes';

/**
 * Who or what a filing is about, for the one-open-case rule, as the process's contract names it
 * (`subjectOf`). The claim stores `keys[0]`; further keys are the same subject under a
 * rotated-out payload key, still recognised.
 */
export interface FilingSubject {
  keys: string[];
  /** The field a refusal names. */
  field: string;
  /** The subject in a refusal's words: 该企业, 该外籍人才（护照 C4****71）在本单位. */
  described: string;
}

/**
 * A subject that identifies a person (a talent is their passport, with the issuing nationality,
 * at one employer) must never be stored in clear, so it is an HMAC under a key derived (HKDF)
 * from each payload key: the same subject always gives the same key, and without the payload
 * key nobody can test a passport number against the table. Anything else (a credit code) is
 * stored as it is.
 */
export class FilingSubjects {
  private readonly payloadKeys: Buffer[];

  constructor(payloadKey: string, previousPayloadKeys?: string) {
    this.payloadKeys = [payloadKey, ...(previousPayloadKeys ?? '').split(',').map((k) => k.trim()).filter(Boolean)].map((k) => Buffer.from(k, 'base64'));
  }

  of(subject: SubjectOf): FilingSubject {
    const { keyedHash } = subject;
    const keys = keyedHash
      ? this.payloadKeys.map((payloadKey) => {
          const key = Buffer.from(hkdfSync('sha256', payloadKey, Buffer.alloc(0), `beijing-approvals subject-claims ${keyedHash.label} v1`, 32));
          return `${keyedHash.prefix}:${createHmac('sha256', key).update(subject.key).digest('base64url')}`;
        })
      : [subject.key];
    return { keys, field: subject.field, described: subject.described };
  }
}
