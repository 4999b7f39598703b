import { afterEach, describe, expect, it } from 'vitest';
import type { QueueSystem } from './types';

const until = async (cond: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
};

/** One behaviour, two backends: the pipeline relies on exactly this. */
export const describeQueueContract = (name: string, make: () => QueueSystem) =>
  describe(`queue contract: ${name}`, () => {
    let q: QueueSystem | undefined;
    afterEach(async () => {
      await q?.close();
      q = undefined;
    });

    it('runs each job id once, however often it is added', async () => {
      q = make();
      const seen: string[] = [];
      q.process<{ n: number }>('dedupe', async (d) => void seen.push(String(d.n)), { concurrency: 4 });
      await Promise.all([1, 1, 2, 1, 2].map((n) => q!.add('dedupe', { n }, { jobId: `job-${n}` })));
      await until(() => seen.length >= 2);
      await new Promise((r) => setTimeout(r, 200));
      await q.add('dedupe', { n: 1 }, { jobId: 'job-1' }); // redelivered after completion
      await new Promise((r) => setTimeout(r, 200));
      expect(seen.sort()).toEqual(['1', '2']);
    });

    it('retries with backoff and succeeds', async () => {
      q = make();
      let tries = 0;
      q.process('retry', async () => {
        tries++;
        if (tries < 3) throw new Error('boom');
      }, { concurrency: 1 });
      await q.add('retry', {}, { jobId: 'r1', attempts: 5, backoffMs: 20 });
      await until(() => tries === 3);
      await new Promise((r) => setTimeout(r, 100));
      expect(tries).toBe(3);
    });

    it('hands a job to the dead-letter hook after its last attempt', async () => {
      q = make();
      const dead: { data: unknown; error: string; attempt: number }[] = [];
      q.process('dlq', async () => {
        throw new Error('sempre falha');
      }, {
        concurrency: 1,
        onDeadLetter: async (data, error, job) => void dead.push({ data, error: error.message, attempt: job.attempt }),
      });
      await q.add('dlq', { x: 1 }, { jobId: 'd1', attempts: 2, backoffMs: 10 });
      await until(() => dead.length === 1);
      expect(dead[0]).toEqual({ data: { x: 1 }, error: 'sempre falha', attempt: 2 });
    });

    it('delays a job', async () => {
      q = make();
      let ranAt = 0;
      q.process('delay', async () => void (ranAt = Date.now()), { concurrency: 1 });
      const t0 = Date.now();
      await q.add('delay', {}, { jobId: 'later', delayMs: 300 });
      await until(() => ranAt > 0);
      expect(ranAt - t0).toBeGreaterThanOrEqual(250);
    });

    it('never runs more than `concurrency` jobs at once', async () => {
      q = make();
      let running = 0;
      let peak = 0;
      let done = 0;
      q.process('conc', async () => {
        running++;
        peak = Math.max(peak, running);
        await new Promise((r) => setTimeout(r, 20));
        running--;
        done++;
      }, { concurrency: 2 });
      await Promise.all(Array.from({ length: 10 }, (_, i) => q!.add('conc', {}, { jobId: `c${i}` })));
      await until(() => done === 10);
      expect(peak).toBeLessThanOrEqual(2);
      expect(peak).toBeGreaterThan(0);
    });

    it('answers ping', async () => {
      q = make();
      expect(await q.ping()).toBeGreaterThanOrEqual(0);
    });
  });
