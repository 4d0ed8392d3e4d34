import 'reflect-metadata';
import { ensureConsoleBuilt } from '../../infra/build-console';
import { startStack } from '../../infra/stack';
import { demoSettings, scriptedSettings } from '../../libs/processes/registry';

/** Starts the real stack once for every e2e suite; suites read its URLs from the environment. */
export default async function globalSetup(): Promise<void> {
  // The AWS SDK warns that its releases after January 2027 need Node 22; the pinned one runs on this Node.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const started = Date.now();
  // The API serves the consoles from dist/console (npm run build:console): built first when older than their sources.
  await ensureConsoleBuilt();
  const stack = await startStack({
    persistent: false,
    apps: 'in-process',
    // A short 公示 so full cases finish within a test; no random spot checks on the shared stack
    // (the spot-check test draws one for certain in its own worker).
    // A low rate limit so the 429 test needs few requests; far above what any one test user sends.
    // Refused tokens are counted per address, and every suite calls from 127.0.0.1: dozens of
    // tests send refused tokens on purpose, within a minute of each other on a fast machine (CI:
    // the OIDC suite got 429 instead of its 401s at 30 a minute). The limit's own test floods
    // from an address of its own.
    settings: { ...demoSettings(6), ...scriptedSettings(), RATE_LIMIT_PER_MINUTE: '1000', AUTH_FAILURES_PER_MINUTE: '300', DEPARTMENT_INCIDENT_SECONDS: '3' },
    log: (line) => process.stderr.write(`${line}\n`),
  });
  (globalThis as { __STACK__?: unknown }).__STACK__ = stack;
  Object.assign(process.env, stack.env, { API_URL: stack.urls.api });
  process.stderr.write(`\nstack up in ${((Date.now() - started) / 1000).toFixed(1)} s: API ${stack.urls.api}, Temporal ${stack.urls.temporal}\n`);
}
