import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkflowBundleWithSourceMap, bundleWorkflowCode } from '@temporalio/worker';
import { ActivitiesModule } from '../../activities';
import { QUIET_BUNDLER_LOGGER } from '../../infra/build-workflow-bundle';

/** The workflows bundled once per suite, quietly. */
export function bundleWorkflows(): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: require.resolve('../../workflows'), logger: QUIET_BUNDLER_LOGGER });
}

/** The real activities, wired by Nest to the stack's departments and read model. */
export function realActivities(): Promise<INestApplicationContext> {
  return NestFactory.createApplicationContext(
    ActivitiesModule.forRoot({ databaseUrl: process.env.DATABASE_URL!, departmentsUrl: process.env.DEPARTMENTS_URL! }),
    { logger: ['error'] },
  );
}
