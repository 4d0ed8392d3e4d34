import { createCipheriv, createDecipheriv, createHmac, hkdfSync } from 'node:crypto';
import type { CaseProjection } from '../domain/case-record';
import { PERSONAL_DATA_FIELDS } from '../processes/registry';
import { PayloadKeyRing, PayloadKeySettings } from '../temporal/payload-codec';

// The fields some registered process declares personal data (its contract's `personalData`)
// are sealed wherever they sit in a case's JSON: application, assessment, documents, timeline.

/** `enc:v1:<key id>:<base64url of iv | ciphertext | tag>`: a sealed value, in place of the string it hides. */
const SEALED = /^enc:v1:([0-9a-f]{8}):([A-Za-z0-9_-]+)$/;
const IV_BYTES = 12;
const TAG_BYTES = 16;

const isPersonal = (key: string) => PERSONAL_DATA_FIELDS.includes(key);

/** Whether a stored value is sealed (rather than a value written before sealing, or none). */
export function isSealed(value: unknown): value is string {
  return typeof value === 'string' && SEALED.test(value);
}

/** Whether any personal-data field in `value` is stored in clear (written before sealing, or behind the projection's back). */
export function hasUnsealedPersonalData(value: unknown): boolean {
  let found = false;
  mapPersonal(value, (_field, text) => {
    found ||= !isSealed(text);
    return text;
  });
  return found;
}

/** Applies `f` to every string under a personal-data key, at any depth; returns a copy, the input untouched. */
function mapPersonal(value: unknown, f: (field: string, text: string) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => mapPersonal(v, f));
  // Plain JSON objects only: a Date or a Buffer is a value, not a record to look into.
  if (!value || typeof value !== 'object' || ![Object.prototype, null].includes(Object.getPrototypeOf(value))) return value;
  return Object.fromEntries(Object.entries(value).map(([key, v]) => [key, isPersonal(key) && typeof v === 'string' ? f(key, v) : mapPersonal(v, f)]));
}

/**
 * Personal data (passport numbers, birth dates …) encrypted field by field in the read model, under the payload
 * key ring (TEMPORAL_PAYLOAD_KEY, TEMPORAL_PAYLOAD_PREVIOUS_KEYS): the worker's projection seals,
 * the API opens for the parties allowed to see them. Each value names its key's id, so a value
 * written before a rotation still opens with the previous key.
 *
 * AES-256-GCM, bound to the case and the field (associated data), so a value cannot be moved to
 * another case or field unnoticed. The IV is synthetic (an HMAC of case, field and value), so
 * sealing is deterministic: a retried projection writes the same bytes, and timeline entries —
 * hash-chained over what is stored — hash the same when written again. Equal values seal equally
 * only within one case and field. Keys for this use are derived from each payload key (HKDF), never the key itself.
 */
export class PersonalDataSeal {
  private readonly derived = new Map<string, { enc: Buffer; iv: Buffer }>();

  constructor(private readonly ring: PayloadKeyRing) {}

  static fromSettings(settings: PayloadKeySettings): PersonalDataSeal {
    return new PersonalDataSeal(PayloadKeyRing.fromSettings(settings));
  }

  /** A copy of `value` with every personal-data field sealed for this case. */
  seal<T>(caseId: string, value: T): T {
    return mapPersonal(value, (field, text) => (isSealed(text) ? text : this.sealOne(caseId, field, text))) as T;
  }

  /**
   * A copy of `value` with every personal-data field opened and then passed through `show`
   * (the reader's view of it: whole, or masked). Values written before sealing pass through `show` as they are.
   */
  open<T>(caseId: string, value: T, show: (field: string, plain: string) => string = (_f, plain) => plain): T {
    return mapPersonal(value, (field, text) => show(field, isSealed(text) ? this.openOne(caseId, field, text) : text)) as T;
  }

  /** The projection as the read model stores it: personal data sealed in the case, its documents and its timeline. */
  sealProjection(p: CaseProjection): CaseProjection {
    const id = p.snapshot.id;
    return {
      ...p,
      snapshot: { ...p.snapshot, application: this.seal(id, p.snapshot.application), assessment: this.seal(id, p.snapshot.assessment) },
      timeline: p.timeline.map((e) => (e.detail ? { ...e, detail: this.seal(id, e.detail) } : e)),
      documents: p.documents?.map((d) => ({ ...d, body: this.seal(id, d.body) })),
    };
  }

  private keysFor(id: string): { enc: Buffer; iv: Buffer } {
    let keys = this.derived.get(id);
    if (!keys) {
      const key = this.ring.key(id);
      if (!key) {
        throw new Error(
          `a read-model value is sealed with key id ${id}, which is neither TEMPORAL_PAYLOAD_KEY nor one of TEMPORAL_PAYLOAD_PREVIOUS_KEYS (known: ${this.ring.ids.join(', ')})`,
        );
      }
      const derive = (info: string) => Buffer.from(hkdfSync('sha256', key, Buffer.alloc(0), `beijing-approvals read model ${info}`, 32));
      keys = { enc: derive('personal data encryption'), iv: derive('personal data iv') };
      this.derived.set(id, keys);
    }
    return keys;
  }

  private sealOne(caseId: string, field: string, plain: string): string {
    const id = this.ring.currentId;
    const keys = this.keysFor(id);
    const aad = Buffer.from(`${caseId}\u0000${field}`);
    const iv = createHmac('sha256', keys.iv).update(aad).update('\u0000').update(plain).digest().subarray(0, IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', keys.enc, iv).setAAD(aad);
    const sealed = Buffer.concat([iv, cipher.update(plain, 'utf8'), cipher.final(), cipher.getAuthTag()]);
    return `enc:v1:${id}:${sealed.toString('base64url')}`;
  }

  private openOne(caseId: string, field: string, sealed: string): string {
    const [, id, body] = SEALED.exec(sealed)!;
    const data = Buffer.from(body, 'base64url');
    if (data.length < IV_BYTES + TAG_BYTES) throw new Error(`a sealed ${field} on case ${caseId} is too short to be one`);
    const decipher = createDecipheriv('aes-256-gcm', this.keysFor(id).enc, data.subarray(0, IV_BYTES)).setAAD(Buffer.from(`${caseId}\u0000${field}`));
    decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
    try {
      return Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]).toString('utf8');
    } catch {
      throw new Error(`a sealed ${field} on case ${caseId} (key id ${id}) failed authentication: altered, moved from another case, or not written with this key`);
    }
  }
}
