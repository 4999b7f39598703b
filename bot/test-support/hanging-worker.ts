/**
 * A worker process for the "killed mid-job" test: it takes turn jobs from BullMQ and
 * hangs inside the first turn's transaction (after writing a marker), until the test
 * kills it with SIGKILL.
 */
import { writeFileSync } from 'node:fs';
import { customerFlow } from '../../flows/customer/flow';
import type { Flow } from '../../flows/types';
import { createTestPlatform } from './platform';

const marker = process.env.HANG_MARKER!;
const hanging: Flow<unknown> = {
  ...(customerFlow as Flow<unknown>),
  step: () => {
    writeFileSync(marker, String(process.pid));
    // Block the event loop inside the open transaction: like a process frozen mid-job.
    const until = Date.now() + 120_000;
    while (Date.now() < until) {
      /* hang */
    }
    throw new Error('unreachable');
  },
};
const p = await createTestPlatform({
  queue: 'bullmq',
  queuePrefix: process.env.QUEUE_PREFIX!,
  env: { JOB_LOCK_MS: '2000' },
  platform: { flow: hanging },
});
await p.startWorkers();
