import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_USERS, rsaKeyId } from '../../libs/auth';
import { loadSigningKeys, providerSettings, rotateSigningKeys } from './oidc-provider-settings';

describe("the embedded provider's signing keys", () => {
  it('rotate: a new current key, the current one kept as previous, the previous one retired', () => {
    const first = rotateSigningKeys();
    const second = rotateSigningKeys(first);
    const third = rotateSigningKeys(second);
    expect([second.previous?.kid, third.previous?.kid, third.retired?.kid]).toEqual([first.current.kid, second.current.kid, first.current.kid]);
    expect(new Set([first.current.kid, second.current.kid, third.current.kid]).size).toBe(3);
  });

  it('npm start keeps its set across restarts and rotates it when asked (ROTATE_OIDC_KEYS)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'oidc-keys-')), 'oidc-keys.json');
    const kept = loadSigningKeys(file);
    expect(loadSigningKeys(file)).toEqual(kept);
    const rotated = loadSigningKeys(file, true);
    expect([rotated.previous?.kid, rotated.current.kid === kept.current.kid]).toEqual([kept.current.kid, false]);
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(rotated);
  });

  it('publishes the current key first, then the previous one and the dev-login key, never the retired one', () => {
    const keys = loadSigningKeys();
    const devLogin = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    const settings = JSON.parse(providerSettings({ issuer: 'http://127.0.0.1:3300', port: 3300, keys, devLoginKey: devLogin, consoleOrigins: ['http://127.0.0.1:3000'], audience: 'beijing-approvals' }));
    expect(settings.jwks.keys.map((k: { kid: string }) => k.kid)).toEqual([keys.current.kid, keys.previous!.kid, rsaKeyId(devLogin)]);
    expect(settings.redirectUris).toEqual(['http://127.0.0.1:3000/console/']);
    // The demo users come from libs/auth, the one list.
    expect(settings.users.map((u: { userId: string }) => u.userId)).toEqual(DEMO_USERS.map((u) => u.userId));
  });
});
