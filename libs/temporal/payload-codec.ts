import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { DataConverter, METADATA_ENCODING_KEY, Payload, PayloadCodec, ValueError } from '@temporalio/common';
import { temporal } from '@temporalio/proto';

export const ENCRYPTED_ENCODING = 'binary/encrypted';
export const ENCRYPTION_KEY_ID = 'encryption-key-id';
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

/** The two settings the codec reads; TemporalConfig validates them at start-up. */
export interface PayloadKeySettings {
  /** base64 of 32 bytes: encrypts every new payload and decrypts those written with it. */
  TEMPORAL_PAYLOAD_KEY: string;
  /** Comma-separated base64 keys that only decrypt: payloads written before a key rotation. */
  TEMPORAL_PAYLOAD_PREVIOUS_KEYS?: string;
}

/** A short, stable name for a key (first 8 hex of its SHA-256), stored beside each payload so rotation knows which key to use. */
export function payloadKeyId(key: Buffer): string {
  return createHash('sha256').update(key).digest('hex').slice(0, 8);
}

function keyFrom(base64: string, setting: string): Buffer {
  if (!base64.trim()) throw new Error(`${setting} is not set: the key that encrypts Temporal payloads, 32 bytes in base64 (openssl rand -base64 32)`);
  const key = Buffer.from(base64.trim(), 'base64');
  if (key.length !== KEY_BYTES) throw new Error(`${setting} must be ${KEY_BYTES} bytes in base64 (44 characters); got ${key.length} bytes`);
  return key;
}

const text = (bytes: Uint8Array | null | undefined) => (bytes ? Buffer.from(bytes).toString('utf8') : undefined);

/**
 * The payload keys by id: the current one, which encrypts, and those a rotation replaced, which
 * only decrypt. Shared by the payload codec and by the read model's encrypted fields, so one
 * setting and one rotation cover personal data wherever it rests.
 */
export class PayloadKeyRing {
  private readonly keys = new Map<string, Buffer>();
  /** The id new values are written under. */
  readonly currentId: string;

  constructor(
    readonly currentKey: Buffer,
    previousKeys: Buffer[] = [],
  ) {
    for (const key of [currentKey, ...previousKeys]) {
      if (key.length !== KEY_BYTES) throw new Error(`a payload key must be ${KEY_BYTES} bytes; got ${key.length}`);
      this.keys.set(payloadKeyId(key), key);
    }
    this.currentId = payloadKeyId(currentKey);
  }

  static fromSettings(settings: PayloadKeySettings): PayloadKeyRing {
    const previous = (settings.TEMPORAL_PAYLOAD_PREVIOUS_KEYS ?? '')
      .split(',')
      .filter((k) => k.trim() !== '')
      .map((k) => keyFrom(k, 'each of TEMPORAL_PAYLOAD_PREVIOUS_KEYS'));
    return new PayloadKeyRing(keyFrom(settings.TEMPORAL_PAYLOAD_KEY ?? '', 'TEMPORAL_PAYLOAD_KEY'), previous);
  }

  /** The key written under this id, if it is the current key or a previous one. */
  key(id: string): Buffer | undefined {
    return this.keys.get(id);
  }

  get ids(): string[] {
    return [...this.keys.keys()];
  }
}

/**
 * AES-256-GCM over whole payloads: the original Payload (metadata and data) is serialised and
 * encrypted, so the Temporal server, its database and its Web UI hold only ciphertext of the
 * applications — passport and ID numbers among them. Runs in the client and the worker, outside
 * the workflow sandbox. Search attributes never pass through a codec (the server must index
 * them), which is why no personal data may go there, nor into workflow ids.
 */
export class AesGcmPayloadCodec implements PayloadCodec {
  private readonly ring: PayloadKeyRing;

  constructor(currentKey: Buffer | PayloadKeyRing, previousKeys: Buffer[] = []) {
    this.ring = currentKey instanceof PayloadKeyRing ? currentKey : new PayloadKeyRing(currentKey, previousKeys);
  }

  static fromSettings(settings: PayloadKeySettings): AesGcmPayloadCodec {
    return new AesGcmPayloadCodec(PayloadKeyRing.fromSettings(settings));
  }

  /** The id new payloads are written under. */
  get keyId(): string {
    return this.ring.currentId;
  }

  async encode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv('aes-256-gcm', this.ring.currentKey, iv);
      const plain = temporal.api.common.v1.Payload.encode(payload).finish();
      const encrypted = Buffer.concat([iv, cipher.update(plain), cipher.final(), cipher.getAuthTag()]);
      return {
        metadata: { [METADATA_ENCODING_KEY]: Buffer.from(ENCRYPTED_ENCODING), [ENCRYPTION_KEY_ID]: Buffer.from(this.ring.currentId) },
        data: encrypted,
      };
    });
  }

  async decode(payloads: Payload[]): Promise<Payload[]> {
    return payloads.map((payload) => {
      // Histories written before encryption (and the recorded ones under test/histories) stay readable.
      if (text(payload.metadata?.[METADATA_ENCODING_KEY]) !== ENCRYPTED_ENCODING) return payload;
      const keyId = text(payload.metadata?.[ENCRYPTION_KEY_ID]);
      if (!keyId) throw new ValueError(`an encrypted payload without "${ENCRYPTION_KEY_ID}" metadata cannot be decrypted`);
      const key = this.ring.key(keyId);
      if (!key) {
        throw new ValueError(
          `payload encrypted with key id ${keyId}, which is neither TEMPORAL_PAYLOAD_KEY nor one of TEMPORAL_PAYLOAD_PREVIOUS_KEYS (known: ${this.ring.ids.join(', ')})`,
        );
      }
      const data = Buffer.from(payload.data ?? []);
      if (data.length < IV_BYTES + TAG_BYTES) throw new ValueError(`encrypted payload (key id ${keyId}) is too short to be one`);
      const decipher = createDecipheriv('aes-256-gcm', key, data.subarray(0, IV_BYTES));
      decipher.setAuthTag(data.subarray(data.length - TAG_BYTES));
      let plain: Buffer;
      try {
        plain = Buffer.concat([decipher.update(data.subarray(IV_BYTES, data.length - TAG_BYTES)), decipher.final()]);
      } catch {
        throw new ValueError(`encrypted payload (key id ${keyId}) failed authentication: altered, or not written with this key`);
      }
      return temporal.api.common.v1.Payload.decode(plain);
    });
  }
}

/** The data converter every Client, Worker and replayer of this project's workflows uses. */
export function payloadDataConverter(settings: PayloadKeySettings): DataConverter {
  return { payloadCodecs: [AesGcmPayloadCodec.fromSettings(settings)] };
}

function isPayload(node: object): node is Payload {
  const metadata = (node as Payload).metadata;
  return !!metadata && typeof metadata === 'object' && metadata[METADATA_ENCODING_KEY] instanceof Uint8Array;
}

/**
 * Decodes every payload in a fetched history (or any proto object) in place and returns it.
 * Fetched histories are never decoded by the SDK; recorded histories are saved decoded so they
 * replay without the key, and tests compare a history as stored with the same history decoded.
 */
export async function decodeHistoryPayloads<T>(node: T, codec: PayloadCodec): Promise<T> {
  if (!node || typeof node !== 'object' || ArrayBuffer.isView(node)) return node;
  if (isPayload(node)) return (await codec.decode([node]))[0] as T;
  const record = node as Record<string, unknown>;
  for (const key of Object.keys(record)) record[key] = await decodeHistoryPayloads(record[key], codec);
  return node;
}
