import { randomUUID } from 'node:crypto';
import { describeQueueContract } from './queue.contract';
import { createInProcessQueues } from './in-process';
import { createBullmqQueues } from './bullmq';
import { TEST_REDIS_URL } from '../test-support/env';

describeQueueContract('in-process', () => createInProcessQueues());
describeQueueContract('bullmq (real Redis)', () =>
  createBullmqQueues({ url: TEST_REDIS_URL, prefix: `mgtest-${randomUUID().slice(0, 8)}` }),
);
