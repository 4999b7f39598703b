/**
 * A second process for the Baileys session-ownership test: runs the session manager
 * (fake socket, Redis leases) for one channel account and prints what it owns as JSON
 * lines. The test SIGKILLs it to prove another process takes the session over.
 *
 * env: BAILEYS_CHILD_ACCOUNT, BAILEYS_CHILD_PREFIX, BAILEYS_CHILD_TTL_MS (+ TEST_DB_NAME).
 */
import { createBaileysManager } from '../channels/whatsapp-baileys';
import { createRedisLeaseStore } from '../channels/whatsapp-baileys-lease';
import { TEST_REDIS_URL } from './env';
import { fakeSocketFactory } from './fakes/fake-baileys-socket';
import pino from 'pino';
import type { BaileysRuntime } from '../channels/whatsapp-baileys-session';
import { createIngest } from '../pipeline/ingest';
import { createInProcessQueues } from '../queue/in-process';
import { createSecretBox } from '../security/crypto';
import { openTestDb } from './db';

const account = process.env.BAILEYS_CHILD_ACCOUNT ?? '';
const prefix = process.env.BAILEYS_CHILD_PREFIX ?? '';
const ttl = Number(process.env.BAILEYS_CHILD_TTL_MS ?? '1000');

const main = async () => {
  // A bare runtime, not the whole platform: this process only has to own the session,
  // and loading the HTTP app and AI stack would slow the test down for nothing.
  const t = await openTestDb();
  const logger = pino({ level: 'silent' });
  const queues = createInProcessQueues();
  const runtime: BaileysRuntime = {
    config: t.config,
    logger,
    tdb: t.tdb,
    secrets: createSecretBox('0'.repeat(64)),
    ingest: createIngest({ tdb: t.tdb, queues, logger, burstWindowMs: 0 }),
    now: () => new Date(),
  };
  const fake = fakeSocketFactory((s) => setTimeout(() => s.open(), 5));
  const manager = createBaileysManager(
    runtime,
    { leaseTtlMs: ttl, scanIntervalMs: 200 },
    { makeSocket: fake.makeSocket, leases: createRedisLeaseStore(TEST_REDIS_URL, prefix), holderId: `child-${process.pid}`, accountFilter: (id) => id === account },
  );
  await manager.start();
  let last = '';
  setInterval(() => {
    const now = JSON.stringify({ holder: manager.holder, owned: manager.owned() });
    if (now !== last) process.stdout.write(now + '\n');
    last = now;
  }, 50);
};

main().catch((err: Error) => {
  process.stderr.write(`${err.stack ?? err.message}\n`);
  process.exit(1);
});
