import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';

const root = join(__dirname, '..');

/**
 * `npm start` as an operator runs it, from source: a child Node process loading infra/start.ts
 * through the same SWC transform jest uses (npm start runs the same code compiled to dist/).
 */
function launch(env: Record<string, string>): { status: number | null; stdout: string; stderr: string } {
  const hook = `
    const { transformSync } = require('@swc/core');
    const { readFileSync } = require('node:fs');
    require.extensions['.ts'] = (module, filename) => {
      const { code } = transformSync(readFileSync(filename, 'utf8'), {
        filename,
        jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false }, target: 'es2022' },
        module: { type: 'commonjs' },
      });
      module._compile(code, filename);
    };
    require('reflect-metadata');
    require('./infra/start.ts');
  `;
  const child = spawnSync(process.execPath, ['-e', hook], { cwd: root, env: { PATH: process.env.PATH!, ...env }, encoding: 'utf8', timeout: 60_000 });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

describe('npm start in production', () => {
  it('refuses to start without the discovery URL of its OpenID provider, with one message naming the setting', () => {
    const answer = launch({
      NODE_ENV: 'production',
      AUTH_JWT_ISSUER: 'https://sso.beijing.gov.cn',
      // Nothing listens here: a launcher that went on would fail on these instead, not start a stack.
      DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      TEMPORAL_PAYLOAD_KEY: randomBytes(32).toString('base64'),
    });
    expect(answer).toEqual({
      status: 1,
      stdout: '',
      stderr: 'Invalid configuration:\n  AUTH_OIDC_DISCOVERY_URL: production names its OpenID provider by its discovery URL (https://…/.well-known/openid-configuration)\n',
    });
  });
});
