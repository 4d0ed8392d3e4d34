import type { IncomingMessage } from 'node:http';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import type { Resource } from '@opentelemetry/resources';
import type { SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { matchedRoute, redactedPath } from './route-template';
import { redactUrlAttributes } from './span-url-redaction';

export type TracedService = 'approvals-api' | 'approvals-worker' | 'approvals-departments';

let sdk: NodeSDK | undefined;

/** Probes and scrapes every few seconds would bury the traces worth reading. */
const UNTRACED_PATHS = /^\/(health|metrics)(\/|\?|$)/;

/**
 * Whether the standard OpenTelemetry variables ask for traces: an OTLP endpoint is set
 * (OTEL_EXPORTER_OTLP_ENDPOINT or OTEL_EXPORTER_OTLP_TRACES_ENDPOINT), and neither
 * OTEL_SDK_DISABLED=true nor OTEL_TRACES_EXPORTER=none turns them off.
 */
export function tracingRequested(env: Record<string, string | undefined> = process.env): boolean {
  if ((env.OTEL_SDK_DISABLED ?? '').trim().toLowerCase() === 'true') return false;
  if ((env.OTEL_TRACES_EXPORTER ?? '').split(',').some((name) => name.trim() === 'none')) return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT?.trim() || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT?.trim());
}

/** Whether this process exports traces (startTracing ran with tracing requested). */
export function tracingStarted(): boolean {
  return sdk !== undefined;
}

/**
 * Starts OpenTelemetry's Node SDK for one of our apps, when the environment asks for traces; does
 * nothing otherwise (the SDK is not even loaded). Must run before the app's modules load — it is
 * the first import of each main.ts — so the http, undici (Node's fetch) and pg instrumentations
 * are in place before anything requires those modules. The exporter, its protocol
 * (OTEL_EXPORTER_OTLP_PROTOCOL: http/protobuf by default, http/json, grpc), headers, batching and
 * sampling follow the standard OTEL_* variables; the service name is ours, whatever
 * OTEL_SERVICE_NAME says, because the launcher hands one environment to all three apps.
 */
export function startTracing(service: TracedService, env: Record<string, string | undefined> = process.env): boolean {
  if (sdk) return true;
  if (!tracingRequested(env)) return false;
  // Loaded here, synchronously, and only when tracing is on: an untraced app never pays for the SDK.
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { NodeSDK } = require('@opentelemetry/sdk-node') as typeof import('@opentelemetry/sdk-node');
  const { HttpInstrumentation } = require('@opentelemetry/instrumentation-http') as typeof import('@opentelemetry/instrumentation-http');
  const { UndiciInstrumentation } = require('@opentelemetry/instrumentation-undici') as typeof import('@opentelemetry/instrumentation-undici');
  const { PgInstrumentation } = require('@opentelemetry/instrumentation-pg') as typeof import('@opentelemetry/instrumentation-pg');
  const { IncomingMessage: ServerRequest } = require('node:http') as typeof import('node:http');
  /* eslint-enable @typescript-eslint/no-require-imports */
  sdk = new NodeSDK({
    serviceName: service,
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (req) => UNTRACED_PATHS.test(req.url ?? ''),
        // No path as it was sent, from the start: it may hold a credit code (the departments' lookups).
        requestHook: (span, request) => redactUrlAttributes(span, redactedPath((request instanceof ServerRequest ? request.url : request.path) ?? '')),
        // Express 5 (Nest 11) is beyond @opentelemetry/instrumentation-express 0.47, so the server
        // span learns its route template here, as Express left it on the request.
        applyCustomAttributesOnSpan: (span, request) => {
          if (!(request instanceof ServerRequest)) return;
          const route = matchedRoute(request as IncomingMessage);
          if (!route) return;
          span.setAttribute('http.route', route);
          span.updateName(`${request.method ?? 'GET'} ${route}`);
          redactUrlAttributes(span, route);
        },
      }),
      // Calls made outside any traced work (readiness probes of the departments) are not traces;
      // the URL of those made within is redacted as above (the lookups carry credit codes).
      new UndiciInstrumentation({ requireParentforSpans: true, requestHook: (span, request) => redactUrlAttributes(span, redactedPath(request.path)) }),
      // SQL text only (parameters are personal data); no spans for the pool's own background work.
      new PgInstrumentation({ requireParentSpan: true, enhancedDatabaseReporting: false }),
    ],
    // Traces only: the apps' logs and metrics have their own ways out.
    logRecordProcessors: [],
  });
  sdk.start();
  return true;
}

/** Exports what is still buffered and stops the SDK (on the app's shutdown). */
export async function shutdownTracing(): Promise<void> {
  const running = sdk;
  sdk = undefined;
  await running?.shutdown();
}

/**
 * The SDK's own span pipeline and resource, for spans made elsewhere (the workflows' spans, made
 * in Temporal's sandbox and handed over through a sink), so they leave by the same exporter.
 */
export function tracingPipeline(): { spanProcessor: SpanProcessor; resource: Resource } | undefined {
  if (!sdk) return undefined;
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { trace, ProxyTracerProvider } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  const { BasicTracerProvider } = require('@opentelemetry/sdk-trace-base') as typeof import('@opentelemetry/sdk-trace-base');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const global = trace.getTracerProvider();
  const provider = global instanceof ProxyTracerProvider ? global.getDelegate() : global;
  if (!(provider instanceof BasicTracerProvider)) return undefined;
  return { spanProcessor: provider.getActiveSpanProcessor(), resource: provider.resource as Resource };
}

/**
 * Runs `work` outside whatever trace is current: background work that a request merely happened
 * to start (a readiness probe refreshed by a decision) is not part of that request's trace, and
 * with no parent the instrumentations (which require one) record no spans for it.
 */
export function outsideAnyTrace<T>(work: () => T): T {
  if (!sdk) return work();
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- only a traced process loads it
  const { context, ROOT_CONTEXT } = require('@opentelemetry/api') as typeof import('@opentelemetry/api');
  return context.with(ROOT_CONTEXT, work);
}
