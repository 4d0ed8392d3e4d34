import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { OTEL_WORKFLOW_INTERCEPTORS_MODULE, tracedBundlePath } from '../libs/observability/temporal-tracing';
import { projectRoot } from './paths';

/** webpack's module-by-module report is noise at every start; warnings and errors still show. */
export const QUIET_BUNDLER_LOGGER = {
  log: () => undefined,
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: (message: string) => console.warn(message),
  error: (message: string) => console.error(message),
};

export const WORKFLOW_BUNDLE_PATH = join(projectRoot(), 'dist', 'workflow-bundle.js');

/**
 * Bundles workflows/ once at build time, so production workers start without webpack: twice, the
 * traced build (with Temporal's OpenTelemetry workflow interceptors, loaded by a worker that exports
 * traces) beside the plain one, which is written last (test/support/built-apps.ts takes it as the
 * mark of a finished build).
 */
export async function buildWorkflowBundle(out = WORKFLOW_BUNDLE_PATH): Promise<string> {
  // Beside this file: dist/workflows when compiled, workflows/ when run from source.
  const workflowsPath = require.resolve(join(__dirname, '..', 'workflows'));
  mkdirSync(dirname(out), { recursive: true });
  const traced = await bundleWorkflowCode({ workflowsPath, workflowInterceptorModules: [require.resolve(OTEL_WORKFLOW_INTERCEPTORS_MODULE)], logger: QUIET_BUNDLER_LOGGER });
  writeFileSync(tracedBundlePath(out), traced.code);
  const { code } = await bundleWorkflowCode({ workflowsPath, logger: QUIET_BUNDLER_LOGGER });
  writeFileSync(out, code);
  return out;
}

if (require.main === module) {
  buildWorkflowBundle()
    .then((out) => console.log(`workflow bundle written to ${out}`))
    .catch((error: unknown) => {
      console.error(error);
      process.exit(1);
    });
}
