import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { DataConverter } from '@temporalio/common';
import { WorkflowBundleWithSourceMap, bundleWorkflowCode } from '@temporalio/worker';
import { ActivitiesModule } from '../../activities';
import { QUIET_BUNDLER_LOGGER } from '../../infra/build-workflow-bundle';
import { AesGcmPayloadCodec, PayloadKeySettings } from '../../libs/temporal';

/** The workflows bundled once per suite, quietly. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: QUIET_BUNDLER_LOGGER });
}

/** The real activities, wired by Nest to the stack's departments (signing as the worker does) and read model. */
export function realActivities(): Promise<INestApplicationContext> {
  const departmentsServiceKey = process.env.DEPARTMENTS_SERVICE_PRIVATE_KEY;
  if (!departmentsServiceKey) throw new Error('DEPARTMENTS_SERVICE_PRIVATE_KEY not set: is the e2e global setup running?');
  return NestFactory.createApplicationContext(
    ActivitiesModule.forRoot({ databaseUrl: process.env.DATABASE_URL!, departmentsUrl: process.env.DEPARTMENTS_URL!, departmentsServiceKey, payloadKeys: testPayloadKeys(), publicBaseUrl: process.env.PUBLIC_BASE_URL }),
    { logger: ['error'] },
  );
}

/** The stack's payload keys, which also seal personal data in the read model. */
export function testPayloadKeys(): PayloadKeySettings {
  const key = process.env.TEMPORAL_PAYLOAD_KEY;
  if (!key) throw new Error('TEMPORAL_PAYLOAD_KEY not set: is the e2e global setup running?');
  return { TEMPORAL_PAYLOAD_KEY: key, TEMPORAL_PAYLOAD_PREVIOUS_KEYS: process.env.TEMPORAL_PAYLOAD_PREVIOUS_KEYS };
}

/**
 * The stack's payload encryption, for every Client, Worker and replayer a test makes itself: the
 * stack's API and worker encrypt, so a test's own side must encrypt and decrypt the same way.
 */
export function testDataConverter(): DataConverter {
  return { payloadCodecs: [testPayloadCodec()] };
}

/** The stack's codec itself, to decode what a test reads raw from Temporal. */
export function testPayloadCodec(): AesGcmPayloadCodec {
  return AesGcmPayloadCodec.fromSettings(testPayloadKeys());
}
