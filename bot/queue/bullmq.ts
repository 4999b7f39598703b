import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, type JobHandler, type JobOptions, type QueueSystem, type WorkerOptions } from './types';

/**
 * Production queues: BullMQ on Redis. Completed job ids are kept for a while so a
 * redelivered id is still recognised; failed jobs are kept for inspection.
 */
export const createBullmqQueues = (opts: { url: string; prefix: string; dedupeSeconds?: number; lockMs?: number }): QueueSystem => {
  const connection = new Redis(opts.url, { maxRetriesPerRequest: null, enableReadyCheck: true, lazyConnect: false });
  connection.on('error', () => {
    // ioredis reconnects by itself; readiness is reported by ping() and /readyz.
  });
  const queues = new Map<string, Queue>();
  const workers: Worker[] = [];
  const workerConnections: Redis[] = [];
  const dedupeSeconds = opts.dedupeSeconds ?? 24 * 3600;

  const queue = (name: string): Queue => {
    let q = queues.get(name);
    if (!q) {
      q = new Queue(name, { connection, prefix: opts.prefix });
      queues.set(name, q);
    }
    return q;
  };

  return {
    kind: 'bullmq',
    add: async <T>(name: string, data: T, o: JobOptions) => {
      await queue(name).add(name, data, {
        jobId: o.jobId,
        delay: o.delayMs,
        attempts: o.attempts ?? DEFAULT_ATTEMPTS,
        backoff: { type: 'exponential', delay: o.backoffMs ?? DEFAULT_BACKOFF_MS },
        removeOnComplete: { age: dedupeSeconds, count: 100_000 },
        removeOnFail: { age: 7 * 24 * 3600 },
      });
    },
    process: <T>(name: string, handler: JobHandler<T>, o: WorkerOptions<T>) => {
      const workerConnection = connection.duplicate();
      workerConnections.push(workerConnection);
      const worker = new Worker(
        name,
        async (job: Job) => {
          await handler(job.data as T, {
            id: job.id ?? '',
            queue: name,
            attempt: job.attemptsMade + 1,
            maxAttempts: job.opts.attempts ?? 1,
          });
        },
        {
          connection: workerConnection,
          prefix: opts.prefix,
          concurrency: o.concurrency,
          // A worker killed mid-job leaves it "stalled"; another worker picks it up.
          lockDuration: opts.lockMs ?? 30_000,
          stalledInterval: Math.min(5000, opts.lockMs ?? 30_000),
          maxStalledCount: 3,
        },
      );
      worker.on('failed', (job, err) => {
        if (!job || !o.onDeadLetter) return;
        const max = job.opts.attempts ?? 1;
        if (job.attemptsMade >= max) {
          void o
            .onDeadLetter(job.data as T, err, { id: job.id ?? '', queue: name, attempt: job.attemptsMade, maxAttempts: max })
            .catch(() => {});
        }
      });
      worker.on('error', () => {
        // connection hiccups are retried by BullMQ
      });
      workers.push(worker);
    },
    ping: async () => {
      const t = performance.now();
      await connection.ping();
      return performance.now() - t;
    },
    close: async () => {
      await Promise.all(workers.map((w) => w.close()));
      await Promise.all([...queues.values()].map((q) => q.close()));
      await Promise.all(workerConnections.map((c) => c.quit().catch(() => {})));
      await connection.quit().catch(() => {});
    },
  };
};
