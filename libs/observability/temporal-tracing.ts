import type { WorkflowClientInterceptor } from '@temporalio/client';
import type { OpenTelemetrySinks } from '@temporalio/interceptors-opentelemetry/lib/workflow/definitions';
import type { InjectedSinks, WorkerInterceptors } from '@temporalio/worker';
import { tracingPipeline, tracingStarted } from './tracing';

/**
 * Temporal's OpenTelemetry workflow interceptors, as a module the workflow bundler takes in. The
 * prebuilt bundle comes in two builds (infra/build-workflow-bundle.ts): without them, which costs
 * the workflows nothing, and with them, which a traced worker loads (tracedBundlePath).
 */
export const OTEL_WORKFLOW_INTERCEPTORS_MODULE = '@temporalio/interceptors-opentelemetry/lib/workflow-interceptors';

/** Where the traced build of a prebuilt workflow bundle lies: beside it, `.traced.js` for `.js`. */
export function tracedBundlePath(bundlePath: string): string {
  return bundlePath.replace(/(\.js)?$/, '.traced.js');
}

/**
 * The Temporal client's interceptors (the API's): starting a workflow and sending it an update
 * become spans of the HTTP request that asked, and carry its context in Temporal's headers to the
 * workflow. None when tracing is off.
 */
export function temporalClientInterceptors(): WorkflowClientInterceptor[] {
  if (!tracingStarted()) return [];
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only a traced process loads it
  const { OpenTelemetryWorkflowClientInterceptor } = require('@temporalio/interceptors-opentelemetry/lib/client') as typeof import('@temporalio/interceptors-opentelemetry/lib/client');
  return [new OpenTelemetryWorkflowClientInterceptor()];
}

export interface WorkerTracing {
  /** Activity interceptors (each activity a span, the workflow's span its parent) and the workflow interceptors' module. */
  interceptors: WorkerInterceptors & { workflowModules: string[] };
  /** The sink the workflow interceptors hand their spans to, out of the sandbox, into the SDK's exporter. */
  sinks: InjectedSinks<OpenTelemetrySinks>;
}

/** The worker's half of Temporal's OpenTelemetry interceptors; undefined when tracing is off. */
export function temporalWorkerTracing(): WorkerTracing | undefined {
  const pipeline = tracingPipeline();
  if (!pipeline) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only a traced process loads it
  const otel = require('@temporalio/interceptors-opentelemetry/lib/worker') as typeof import('@temporalio/interceptors-opentelemetry/lib/worker');
  return {
    interceptors: {
      activity: [(ctx) => ({ inbound: new otel.OpenTelemetryActivityInboundInterceptor(ctx), outbound: new otel.OpenTelemetryActivityOutboundInterceptor(ctx) })],
      workflowModules: [require.resolve(OTEL_WORKFLOW_INTERCEPTORS_MODULE)],
    },
    sinks: { exporter: otel.makeWorkflowExporter(pipeline.spanProcessor, pipeline.resource) },
  };
}
