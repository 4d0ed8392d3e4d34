import { randomBytes } from 'node:crypto';
import { PersonalDataSeal, isSealed } from './personal-data-seal';

const key = () => randomBytes(32).toString('base64');
const application = { employerName: '北京测试', talent: { name: 'Anna Schmidt', passportNumber: 'C4XK29T71', dateOfBirth: '1988-04-02', position: '首席算法科学家' } };

describe('PersonalDataSeal', () => {
  const seal = PersonalDataSeal.fromSettings({ TEMPORAL_PAYLOAD_KEY: key() });

  it('seals passport numbers and birth dates at any depth, and nothing else', () => {
    const sealed = seal.seal('case-1', { application, permits: [{ number: 'WP2026123456', passportNumber: 'C4XK29T71' }] });
    expect(JSON.stringify(sealed)).not.toContain('C4XK29T71');
    expect(JSON.stringify(sealed)).not.toContain('1988-04-02');
    expect(isSealed(sealed.application.talent.passportNumber)).toBe(true);
    expect(sealed.application.talent.passportNumber).toMatch(/^enc:v1:[0-9a-f]{8}:/);
    expect(sealed.application.talent).toMatchObject({ name: 'Anna Schmidt', position: '首席算法科学家' });
    expect(sealed.permits[0].number).toBe('WP2026123456');
    // The input is not touched.
    expect(application.talent.passportNumber).toBe('C4XK29T71');
    expect(seal.open('case-1', sealed)).toEqual({ application, permits: [{ number: 'WP2026123456', passportNumber: 'C4XK29T71' }] });
  });

  it('is deterministic within a case and field (a retried projection writes the same bytes), and differs across cases', () => {
    expect(seal.seal('case-1', application)).toEqual(seal.seal('case-1', application));
    expect(seal.seal('case-2', application).talent.passportNumber).not.toBe(seal.seal('case-1', application).talent.passportNumber);
    // Sealing twice does not seal a sealed value again.
    const once = seal.seal('case-1', application);
    expect(seal.seal('case-1', once)).toEqual(once);
  });

  it('shows each value through the reader’s view: whole or masked', () => {
    const sealed = seal.seal('case-1', application);
    const masked = seal.open('case-1', sealed, (field, plain) => (field === 'dateOfBirth' ? '****-**-**' : `${plain.slice(0, 2)}****${plain.slice(-2)}`));
    expect(masked.talent).toMatchObject({ passportNumber: 'C4****71', dateOfBirth: '****-**-**' });
  });

  it('refuses a value moved to another case or altered', () => {
    const sealed = seal.seal('case-1', application);
    expect(() => seal.open('case-2', sealed)).toThrow(/failed authentication/);
    // One character in the middle of the ciphertext changed (the last may carry only padding bits).
    const value = sealed.talent.passportNumber;
    const at = value.length - 10;
    const altered = { talent: { ...sealed.talent, passportNumber: `${value.slice(0, at)}${value[at] === 'A' ? 'B' : 'A'}${value.slice(at + 1)}` } };
    expect(() => seal.open('case-1', altered)).toThrow(/failed authentication/);
  });

  it('opens a value sealed before a rotation with the previous key, and names an unknown key', () => {
    const oldKey = key();
    const newKey = key();
    const before = PersonalDataSeal.fromSettings({ TEMPORAL_PAYLOAD_KEY: oldKey }).seal('case-1', application);
    const after = PersonalDataSeal.fromSettings({ TEMPORAL_PAYLOAD_KEY: newKey, TEMPORAL_PAYLOAD_PREVIOUS_KEYS: oldKey });
    expect(after.open('case-1', before)).toEqual(application);
    // New values are sealed under the new key.
    expect(after.seal('case-1', application).talent.passportNumber.split(':')[2]).not.toBe(before.talent.passportNumber.split(':')[2]);
    expect(() => PersonalDataSeal.fromSettings({ TEMPORAL_PAYLOAD_KEY: newKey }).open('case-1', before)).toThrow(/neither TEMPORAL_PAYLOAD_KEY nor one of TEMPORAL_PAYLOAD_PREVIOUS_KEYS/);
  });

  it('passes values written before sealing through as they are', () => {
    expect(seal.open('case-1', application)).toEqual(application);
  });
});
