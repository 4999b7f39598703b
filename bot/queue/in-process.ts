import { DEFAULT_ATTEMPTS, DEFAULT_BACKOFF_MS, type JobHandler, type JobInfo, type JobOptions, type QueueSystem, type WorkerOptions } from './types';

interface Job {
  readonly id: string;
  readonly data: unknown;
  readonly attempts: number;
  readonly backoffMs: number;
  attempt: number;
  timer?: NodeJS.Timeout;
}

interface Lane {
  handler?: JobHandler<unknown>;
  opts?: WorkerOptions<unknown>;
  ready: Job[];
  running: number;
  /** ids pending/running, and completed ids kept for `dedupeMs` */
  known: Map<string, number>;
  idle: (() => void)[];
}

/**
 * The zero-config queue: same contract as BullMQ, in memory. Jobs not yet started are
 * lost if the process dies; the pipeline's start-up sweep re-enqueues work whose
 * durable record (a stored message, a pending outbox row) shows it unfinished.
 */
export const createInProcessQueues = (opts: { dedupeMs?: number } = {}): QueueSystem => {
  const dedupeMs = opts.dedupeMs ?? 10 * 60_000;
  const lanes = new Map<string, Lane>();
  let closed = false;
  const timers = new Set<NodeJS.Timeout>();

  const lane = (name: string): Lane => {
    let l = lanes.get(name);
    if (!l) {
      l = { ready: [], running: 0, known: new Map(), idle: [] };
      lanes.set(name, l);
    }
    return l;
  };

  const later = (ms: number, fn: () => void) => {
    const t = setTimeout(() => {
      timers.delete(t);
      fn();
    }, ms);
    timers.add(t);
  };

  const pump = (name: string) => {
    const l = lane(name);
    while (!closed && l.handler && l.opts && l.running < l.opts.concurrency && l.ready.length) {
      const job = l.ready.shift()!;
      l.running++;
      void run(name, l, job);
    }
    if (l.running === 0 && l.ready.length === 0) l.idle.splice(0).forEach((r) => r());
  };

  const run = async (name: string, l: Lane, job: Job) => {
    job.attempt++;
    const info: JobInfo = { id: job.id, queue: name, attempt: job.attempt, maxAttempts: job.attempts };
    try {
      await l.handler!(job.data, info);
      l.known.set(job.id, Date.now() + dedupeMs);
    } catch (err) {
      if (job.attempt < job.attempts && !closed) {
        const wait = job.backoffMs * 2 ** (job.attempt - 1);
        later(wait, () => {
          l.ready.push(job);
          pump(name);
        });
      } else {
        l.known.set(job.id, Date.now() + dedupeMs);
        await l.opts?.onDeadLetter?.(job.data, err as Error, info).catch(() => {});
      }
    } finally {
      l.running--;
      pump(name);
    }
  };

  return {
    kind: 'in-process',
    add: async <T>(name: string, data: T, o: JobOptions) => {
      if (closed) throw new Error('fila encerrada');
      const l = lane(name);
      const until = l.known.get(o.jobId);
      if (until !== undefined && until > Date.now()) return; // duplicate id: no-op
      l.known.set(o.jobId, Number.POSITIVE_INFINITY);
      if (l.known.size > 50_000) {
        const now = Date.now();
        for (const [id, exp] of l.known) if (exp < now) l.known.delete(id);
      }
      const job: Job = {
        id: o.jobId,
        data,
        attempts: o.attempts ?? DEFAULT_ATTEMPTS,
        backoffMs: o.backoffMs ?? DEFAULT_BACKOFF_MS,
        attempt: 0,
      };
      if (o.delayMs && o.delayMs > 0) {
        later(o.delayMs, () => {
          l.ready.push(job);
          pump(name);
        });
      } else {
        l.ready.push(job);
        pump(name);
      }
    },
    process: <T>(name: string, handler: JobHandler<T>, o: WorkerOptions<T>) => {
      const l = lane(name);
      l.handler = handler as JobHandler<unknown>;
      l.opts = o as WorkerOptions<unknown>;
      pump(name);
    },
    ping: async () => 0,
    close: async () => {
      closed = true;
      for (const t of timers) clearTimeout(t);
      timers.clear();
      await Promise.all(
        [...lanes.values()].map((l) => (l.running === 0 ? undefined : new Promise<void>((r) => l.idle.push(r)))),
      );
    },
  };
};
