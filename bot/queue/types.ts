/**
 * Job queues as the pipeline needs them, with the same semantics in production
 * (BullMQ on Redis) and zero-config (in-process):
 * - a job id is a dedupe key: adding a job whose id is pending, running or recently
 *   completed is a no-op;
 * - a failed job is retried with exponential backoff; after the last attempt it goes
 *   to `onDeadLetter` (which records it for the admin's retry button);
 * - at most `concurrency` jobs of one queue run at once per process.
 */
export interface JobOptions {
  readonly jobId: string;
  readonly delayMs?: number;
  readonly attempts?: number;
  readonly backoffMs?: number;
}

export interface JobInfo {
  readonly id: string;
  readonly queue: string;
  /** 1 for the first try. */
  readonly attempt: number;
  readonly maxAttempts: number;
}

export type JobHandler<T> = (data: T, job: JobInfo) => Promise<void>;

export interface WorkerOptions<T> {
  readonly concurrency: number;
  readonly onDeadLetter?: (data: T, error: Error, job: JobInfo) => Promise<void>;
}

export interface QueueSystem {
  readonly kind: 'bullmq' | 'in-process';
  add<T>(queue: string, data: T, opts: JobOptions): Promise<void>;
  process<T>(queue: string, handler: JobHandler<T>, opts: WorkerOptions<T>): void;
  /** Round-trip latency to the queue backend, in ms; throws when unreachable. */
  ping(): Promise<number>;
  /** Stops taking jobs, waits for running ones, closes connections. */
  close(): Promise<void>;
}

export const DEFAULT_ATTEMPTS = 5;
export const DEFAULT_BACKOFF_MS = 1000;

/** BullMQ forbids ':' in custom ids; keep ids readable and safe for both backends. */
export const safeJobId = (...parts: string[]): string => parts.join('_').replace(/[^A-Za-z0-9_.-]/g, '-');
