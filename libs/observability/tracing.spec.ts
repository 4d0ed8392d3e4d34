import { outsideAnyTrace, startTracing, tracingRequested, tracingStarted } from './tracing';

describe('whether traces are exported', () => {
  it('only when an OTLP endpoint is set, and neither OTEL_SDK_DISABLED nor OTEL_TRACES_EXPORTER=none says otherwise', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: '  ' })).toBe(false);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'approvals-api', OTEL_TRACES_EXPORTER: 'otlp' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'TRUE' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });

  it('without an endpoint nothing starts, nothing is loaded, and work runs as it is', () => {
    expect(startTracing('approvals-api', {})).toBe(false);
    expect(tracingStarted()).toBe(false);
    expect(Object.keys(require.cache).filter((path) => path.includes('@opentelemetry/sdk-node'))).toEqual([]);
    expect(outsideAnyTrace(() => 42)).toBe(42);
  });
});
