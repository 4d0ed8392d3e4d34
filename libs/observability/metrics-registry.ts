import { Registry, collectDefaultMetrics } from 'prom-client';

/** The Nest token of an app's Prometheus registry (one per app, so the in-process test stack keeps them apart). */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

/** A registry with Node's process metrics (CPU, memory, event-loop lag, GC) under their usual names. */
export function createMetricsRegistry(): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return registry;
}

/** Seconds since a `performance.now()` reading. */
export const secondsSince = (startMs: number): number => (performance.now() - startMs) / 1000;
