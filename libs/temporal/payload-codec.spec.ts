import { defaultPayloadConverter, Payload } from '@temporalio/common';
import { randomBytes } from 'node:crypto';
import { AesGcmPayloadCodec, decodeHistoryPayloads, ENCRYPTED_ENCODING, payloadKeyId } from './payload-codec';

const application = { talent: { name: 'Anna Schmidt', passportNumber: 'C4XK29T71' } };
const plain = (): Payload => defaultPayloadConverter.toPayload(application)!;
const text = (bytes?: Uint8Array | null) => Buffer.from(bytes ?? []).toString('utf8');
const base64Key = () => randomBytes(32).toString('base64');

describe('AesGcmPayloadCodec', () => {
  it('encrypts the whole payload under the current key id and decrypts it back', async () => {
    const key = base64Key();
    const codec = AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: key });
    const [encoded] = await codec.encode([plain()]);

    expect(text(encoded.metadata!.encoding)).toBe(ENCRYPTED_ENCODING);
    expect(text(encoded.metadata!['encryption-key-id'])).toBe(payloadKeyId(Buffer.from(key, 'base64')));
    expect(text(encoded.metadata!['encryption-key-id'])).toMatch(/^[0-9a-f]{8}$/);
    // Neither the value nor the original encoding is readable in what the server stores.
    expect(Buffer.from(encoded.data!).includes('C4XK29T71')).toBe(false);
    expect(Buffer.from(encoded.data!).includes('json/plain')).toBe(false);

    const [decoded] = await codec.decode([encoded]);
    expect(text(decoded.metadata!.encoding)).toBe('json/plain');
    expect(defaultPayloadConverter.fromPayload(decoded)).toEqual(application);
  });

  it('uses a fresh IV each time: the same payload never encrypts to the same bytes', async () => {
    const codec = AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: base64Key() });
    const [a, b] = await codec.encode([plain(), plain()]);
    expect(Buffer.from(a.data!).equals(Buffer.from(b.data!))).toBe(false);
  });

  it('passes payloads that are not encrypted through unchanged (histories recorded before encryption)', async () => {
    const codec = AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: base64Key() });
    const unencrypted = plain();
    const [decoded] = await codec.decode([unencrypted]);
    expect(decoded).toBe(unencrypted);
  });

  it('decrypts with a previous key after rotation, and encrypts only with the current one', async () => {
    const oldKey = base64Key();
    const newKey = base64Key();
    const [written] = await AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: oldKey }).encode([plain()]);

    const rotated = AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: newKey, TEMPORAL_PAYLOAD_PREVIOUS_KEYS: ` ${base64Key()}, ${oldKey}` });
    expect(defaultPayloadConverter.fromPayload((await rotated.decode([written]))[0])).toEqual(application);
    const [rewritten] = await rotated.encode([plain()]);
    expect(text(rewritten.metadata!['encryption-key-id'])).toBe(payloadKeyId(Buffer.from(newKey, 'base64')));
  });

  it('refuses a payload whose ciphertext was altered', async () => {
    const codec = AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: base64Key() });
    const [encoded] = await codec.encode([plain()]);
    const data = Buffer.from(encoded.data!);
    data[20] ^= 0x01;
    await expect(codec.decode([{ ...encoded, data }])).rejects.toThrow(/failed authentication/);
  });

  it('names the key id it does not know', async () => {
    const [encoded] = await AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: base64Key() }).encode([plain()]);
    const other = AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: base64Key() });
    const keyId = text(encoded.metadata!['encryption-key-id']);
    await expect(other.decode([encoded])).rejects.toThrow(new RegExp(`key id ${keyId}, which is neither TEMPORAL_PAYLOAD_KEY nor one of TEMPORAL_PAYLOAD_PREVIOUS_KEYS`));
  });

  it('refuses a key that is not 32 bytes, naming the setting', () => {
    expect(() => AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: randomBytes(16).toString('base64') })).toThrow(/TEMPORAL_PAYLOAD_KEY must be 32 bytes/);
    expect(() => AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: base64Key(), TEMPORAL_PAYLOAD_PREVIOUS_KEYS: 'c2hvcnQ=' })).toThrow(/TEMPORAL_PAYLOAD_PREVIOUS_KEYS/);
  });

  it('decodes every payload nested in a history, leaving the rest alone', async () => {
    const codec = AesGcmPayloadCodec.fromSettings({ TEMPORAL_PAYLOAD_KEY: base64Key() });
    const [input, result] = await codec.encode([plain(), defaultPayloadConverter.toPayload('certified')!]);
    const history = {
      events: [
        { eventId: 1, workflowExecutionStartedEventAttributes: { input: { payloads: [input] }, memo: { fields: { title: plain() } } } },
        { eventId: 2, workflowExecutionCompletedEventAttributes: { result: { payloads: [result] } } },
      ],
    };
    const decoded = await decodeHistoryPayloads(history, codec);
    expect(defaultPayloadConverter.fromPayload(decoded.events[0].workflowExecutionStartedEventAttributes!.input.payloads[0])).toEqual(application);
    expect(defaultPayloadConverter.fromPayload(decoded.events[0].workflowExecutionStartedEventAttributes!.memo.fields.title)).toEqual(application);
    expect(defaultPayloadConverter.fromPayload(decoded.events[1].workflowExecutionCompletedEventAttributes!.result.payloads[0])).toBe('certified');
    expect(decoded.events.map((e) => e.eventId)).toEqual([1, 2]);
  });
});
