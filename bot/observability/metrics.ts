import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * Prometheus metrics. Labels never carry tenant ids, phones or text: only outcomes,
 * channels and queues, so cardinality stays small and nothing personal leaks.
 */
export const createMetrics = () => {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'mg_process_' });
  return {
    registry,
    inbound: new Counter({ name: 'mg_inbound_messages_total', help: 'Inbound messages by ingest outcome', labelNames: ['status'] as const, registers: [registry] }),
    jobs: new Histogram({
      name: 'mg_job_duration_seconds',
      help: 'Pipeline job duration by queue and result',
      labelNames: ['queue', 'result'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    deadLetters: new Counter({ name: 'mg_dead_letters_total', help: 'Jobs that failed for good', labelNames: ['queue'] as const, registers: [registry] }),
    http: new Histogram({
      name: 'mg_http_request_duration_seconds',
      help: 'HTTP request duration by route and status class',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
};

export type Metrics = ReturnType<typeof createMetrics>;

/** Exposes a bulkhead's running and waiting requests as gauges read at scrape time. */
export const watchBulkhead = (metrics: Metrics, lane: string, stats: () => { readonly active: number; readonly queued: number }): void => {
  const registers = [metrics.registry];
  new Gauge({ name: 'mg_http_lane_active', help: 'Requests running in a bulkhead lane', labelNames: ['lane'] as const, registers, collect() {
    this.set({ lane }, stats().active);
  } });
  new Gauge({ name: 'mg_http_lane_waiting', help: 'Requests waiting for a bulkhead lane', labelNames: ['lane'] as const, registers, collect() {
    this.set({ lane }, stats().queued);
  } });
};
