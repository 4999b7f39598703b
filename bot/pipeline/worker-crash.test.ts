import { spawn } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { createTestPlatform, newSession, repliesFor, seedShop, settle, waitFor, webchatInbound } from '../test-support/platform';

describe('a worker killed mid-job', () => {
  const opened: Platform[] = [];
  afterAll(async () => {
    for (const p of opened) await p.close();
  });

  it('BullMQ: the turn is processed after another worker takes over, exactly once', async () => {
    const prefix = `mgt-crash-${randomUUID().slice(0, 8)}`;
    const marker = path.join(os.tmpdir(), `mg-hang-${randomUUID()}`);
    const web = await createTestPlatform({ queue: 'bullmq', queuePrefix: prefix, env: { JOB_LOCK_MS: '2000' } });
    opened.push(web);
    const shop = await seedShop(web);
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('bot/test-support/hanging-worker.ts')], {
      env: { ...process.env, QUEUE_PREFIX: prefix, HANG_MARKER: marker },
      stdio: 'ignore',
    });
    try {
      const s = newSession();
      await waitFor(async () => true, () => true);
      const r = await web.ingest(webchatInbound(shop, s, 'oi, quanto fica a revisao da minha bros 2020?'));
      expect(r.status).toBe('accepted');
      await waitFor(async () => existsSync(marker), (x) => x, 30_000);
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
      expect(await repliesFor(web, shop, s)).toHaveLength(0); // its transaction died with it

      await web.startWorkers(); // the surviving process picks the stalled job up
      const replies = await waitFor(() => repliesFor(web, shop, s), (m) => m.length >= 1, 30_000);
      await settle(1500);
      expect(await repliesFor(web, shop, s)).toHaveLength(replies.length);
      const conv = await web.tdb.withTenant(shop.tenantId, (tx) => tx.conversation.findFirstOrThrow({ where: { replyTo: s } }));
      expect(conv.revision).toBe(1);
    } finally {
      child.kill('SIGKILL');
      rmSync(marker, { force: true });
    }
  }, 60_000);

  it('in-process: a message stored before the process died is answered after restart, once', async () => {
    const before = await createTestPlatform({ queue: 'in-process', burstWindowMs: 60_000 });
    const shop = await seedShop(before);
    const s = newSession();
    await before.ingest(webchatInbound(shop, s, 'oi'));
    await before.close(); // died before the (delayed) turn ran; in-memory queue is gone

    const after = await createTestPlatform({ queue: 'in-process' });
    opened.push(after);
    await after.startWorkers(); // recovery sweep
    const replies = await waitFor(() => repliesFor(after, shop, s), (m) => m.length >= 1);
    await settle();
    expect(await repliesFor(after, shop, s)).toHaveLength(replies.length);
    expect(replies).toHaveLength(1);
  });
});
