import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestPlatform, seedShop, waitFor } from '../test-support/platform';
import { TEST_REDIS_URL } from '../test-support/env';
import { fakeSocketFactory } from '../test-support/fakes/fake-baileys-socket';
import type { Platform } from '../platform';
import { createBaileysManager, type BaileysManager } from './whatsapp-baileys';
import { createRedisLeaseStore, type LeaseStore } from './whatsapp-baileys-lease';

const TTL = 1000;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
let platform: Platform;
const stores: LeaseStore[] = [];
const managers: BaileysManager[] = [];
const children: ChildProcess[] = [];

beforeAll(async () => {
  platform = await createTestPlatform();
});
afterAll(async () => {
  for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
  for (const m of managers) await m.stop();
  for (const s of stores) await s.close();
  await platform?.close();
});

const newAccount = async () => {
  const shop = await seedShop(platform);
  const account = await platform.tdb.withTenant(shop.tenantId, (tx) =>
    tx.channelAccount.create({ data: { tenantId: shop.tenantId, kind: 'whatsapp_baileys', externalId: `5511${randomUUID().slice(0, 8)}` } }),
  );
  return account.id;
};

const manager = (accountId: string, prefix: string, holderId: string) => {
  const leases = createRedisLeaseStore(TEST_REDIS_URL, prefix);
  stores.push(leases);
  const m = createBaileysManager(
    platform.runtime,
    { leaseTtlMs: TTL, scanIntervalMs: 200 },
    { makeSocket: fakeSocketFactory((s) => setTimeout(() => s.open(), 5)).makeSocket, leases, holderId, accountFilter: (id) => id === accountId },
  );
  managers.push(m);
  return { m, leases };
};

describe('Baileys session ownership (Redis lease)', () => {
  it('two managers compete: exactly one runs the session; a crashed holder is replaced within ~2×TTL', async () => {
    const id = await newAccount();
    const prefix = `mgt-lease-${randomUUID().slice(0, 8)}`;
    const a = manager(id, prefix, 'A');
    const b = manager(id, prefix, 'B');
    await Promise.all([a.m.start(), b.m.start()]);
    await new Promise((r) => setTimeout(r, 1500)); // several renewals and scans
    const owners = [a, b].filter((x) => x.m.owned().includes(id));
    expect(owners).toHaveLength(1);
    const [holder, other] = owners[0] === a ? [a, b] : [b, a];
    expect(await a.leases.holder(id)).toBe(holder.m.holder);
    const t0 = Date.now();
    await holder.m.crash(); // no release, no more renewals
    await waitFor(async () => other.m.owned(), (o) => o.includes(id), 2 * TTL + 1000);
    expect(Date.now() - t0).toBeLessThan(2 * TTL + 500);
    expect(await a.leases.holder(id)).toBe(other.m.holder);
  });

  it('a clean stop releases the lease so the other process takes over at its next scan', async () => {
    const id = await newAccount();
    const prefix = `mgt-lease-${randomUUID().slice(0, 8)}`;
    const a = manager(id, prefix, 'A');
    await a.m.start();
    expect(a.m.owned()).toEqual([id]);
    const b = manager(id, prefix, 'B');
    await b.m.start();
    expect(b.m.owned()).toEqual([]);
    const t0 = Date.now();
    await a.m.stop();
    await waitFor(async () => b.m.owned(), (o) => o.includes(id), 2000);
    expect(Date.now() - t0).toBeLessThan(TTL);
  });

  it('a second OS process holding the session is SIGKILLed and this process takes over within ~2×TTL', async () => {
    const id = await newAccount();
    const prefix = `mgt-lease-${randomUUID().slice(0, 8)}`;
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/test-support/baileys-session-child.ts'], {
      cwd: ROOT,
      env: { ...process.env, BAILEYS_CHILD_ACCOUNT: id, BAILEYS_CHILD_PREFIX: prefix, BAILEYS_CHILD_TTL_MS: String(TTL) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    let out = '';
    let errOut = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (errOut += d.toString()));
    await waitFor(async () => out + errOut, (o) => o.includes(id) || child.exitCode !== null, 40_000);
    expect(errOut).toBe('');
    expect(out).toContain(id);

    const b = manager(id, prefix, 'parent');
    await b.m.start();
    await new Promise((r) => setTimeout(r, 1500));
    expect(b.m.owned()).toEqual([]); // the child keeps renewing
    expect(await b.leases.holder(id)).toBe(`child-${child.pid}`);

    const t0 = Date.now();
    child.kill('SIGKILL');
    await waitFor(async () => b.m.owned(), (o) => o.includes(id), 2 * TTL + 1000);
    expect(Date.now() - t0).toBeLessThan(2 * TTL + 500);
    expect(await b.leases.holder(id)).toBe('parent');
  }, 60_000);
});
