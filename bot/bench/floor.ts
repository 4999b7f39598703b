import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';

/**
 * The floor: how many no-op jobs per second BullMQ moves on this machine with the same
 * concurrency, through the same Redis. Every pipeline message needs at least two jobs
 * (turn + send), so the pipeline cannot beat about half of this.
 */
export interface FloorResult {
  readonly jobs: number;
  readonly completed: number;
  readonly seconds: number;
  readonly jobsPerSecond: number;
  readonly addSeconds: number;
  readonly timedOut: boolean;
}

export const measureFloor = async (opts: {
  redisUrl: string;
  prefix: string;
  jobs: number;
  concurrency: number;
  timeoutMs: number;
}): Promise<FloorResult> => {
  const connection = new Redis(opts.redisUrl, { maxRetriesPerRequest: null });
  const workerConnection = connection.duplicate();
  const name = 'floor';
  const queue = new Queue(name, { connection, prefix: opts.prefix });
  let completed = 0;
  let resolveDone!: () => void;
  const done = new Promise<void>((r) => (resolveDone = r));
  const worker = new Worker(name, async () => undefined, {
    connection: workerConnection,
    prefix: opts.prefix,
    concurrency: opts.concurrency,
    autorun: true,
  });
  worker.on('completed', () => {
    if (++completed >= opts.jobs) resolveDone();
  });
  worker.on('error', () => {});
  await worker.waitUntilReady();
  const t0 = performance.now();
  const chunk = 1000;
  for (let i = 0; i < opts.jobs; i += chunk) {
    const n = Math.min(chunk, opts.jobs - i);
    // Same retention options as the platform's queues, so Redis does comparable work.
    await queue.addBulk(
      Array.from({ length: n }, (_, j) => ({
        name,
        data: { i: i + j },
        opts: { jobId: `f_${i + j}`, attempts: 5, removeOnComplete: { age: 86_400, count: 100_000 }, removeOnFail: { age: 604_800 } },
      })),
    );
  }
  const addSeconds = (performance.now() - t0) / 1000;
  let timer: NodeJS.Timeout | undefined;
  const timedOut = await Promise.race([
    done.then(() => false),
    new Promise<boolean>((r) => (timer = setTimeout(() => r(true), opts.timeoutMs))),
  ]);
  clearTimeout(timer);
  const seconds = (performance.now() - t0) / 1000;
  await worker.close(true).catch(() => {});
  await queue.close().catch(() => {});
  await workerConnection.quit().catch(() => {});
  await connection.quit().catch(() => {});
  return { jobs: opts.jobs, completed, seconds, jobsPerSecond: completed / seconds, addSeconds, timedOut };
};
