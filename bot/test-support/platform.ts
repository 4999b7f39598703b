import { randomUUID } from 'node:crypto';
import pino from 'pino';
import { loadConfig } from '../config';
import { createPlatform, type Platform, type PlatformOptions } from '../platform';
import { defaultChannels } from '../channels/registry';
import type { ChannelModule } from '../channels/module';
import { seedDemo } from '../seed/seed-demo';
import { createPasswordHasher } from '../security/password';
import { testPg, TEST_REDIS_URL } from './env';

export interface TestShop {
  readonly tenantId: string;
  readonly slug: string;
  readonly channelAccountId: string;
}

export interface TestPlatformOptions {
  readonly queue?: 'bullmq' | 'in-process';
  readonly burstWindowMs?: number;
  readonly queuePrefix?: string;
  readonly env?: Record<string, string>;
  readonly platform?: Partial<PlatformOptions>;
  /**
   * Channel kinds whose background loop (WhatsApp Web sessions, Telegram polling) runs.
   * None by default: such loops scan every tenant's accounts, and a test must not pick
   * up accounts another test file created.
   */
  readonly loops?: readonly string[];
}

export const silentLogger = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

/** A platform on the run's test database (app role), with BullMQ on the local Redis or in-process queues. */
export const createTestPlatform = async (o: TestPlatformOptions = {}): Promise<Platform> => {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testPg.appUrl(),
    DATABASE_ADMIN_URL: testPg.adminUrl(),
    DATABASE_POOL_SIZE: '6',
    LOG_LEVEL: 'silent',
    BURST_WINDOW_MS: String(o.burstWindowMs ?? 0),
    ENCRYPTION_KEY: '0'.repeat(64),
    WORKER_CONCURRENCY: '8',
    ADMIN_BUILD_IF_MISSING: 'false',
    ...(o.queue === 'bullmq' ? { REDIS_URL: TEST_REDIS_URL, QUEUE_PREFIX: o.queuePrefix ?? `mgt-${randomUUID().slice(0, 8)}` } : {}),
    ...o.env,
  });
  const loops = new Set(o.loops ?? []);
  const channels = (o.platform?.channels ?? defaultChannels(config)).map((c) =>
    c.start && !loops.has(c.kind) ? Object.assign(Object.create(Object.getPrototypeOf(c) as object) as ChannelModule, c, { start: undefined }) : c,
  );
  return createPlatform(config, { logger: silentLogger, migrate: false, ...o.platform, channels });
};

/** Seeds a shop (demo catalogue, web chat channel) with a unique slug. */
export const seedShop = async (platform: Platform): Promise<TestShop> => {
  const slug = `oficina-${randomUUID().slice(0, 8)}`;
  const seeded = await seedDemo(platform.tdb, { hasher: createPasswordHasher({ N: 1024 }), slug });
  if (!seeded) throw new Error('seed failed');
  const account = await platform.tdb.lookup.channelAccount('webchat', slug);
  if (!account) throw new Error('no webchat account');
  return { tenantId: seeded.tenantId, slug, channelAccountId: account.channelAccountId };
};

export const webchatInbound = (shop: TestShop, sessionId: string, text: string, id: string = randomUUID()) => ({
  channelAccountId: shop.channelAccountId,
  externalMessageId: id,
  from: { kind: 'webchat' as const, address: sessionId },
  text,
  receivedAt: new Date().toISOString(),
});

export const newSession = () => randomUUID().replace(/-/g, '');

/** Outbound replies committed for a web chat session, oldest first. */
export const repliesFor = async (platform: Platform, shop: TestShop, sessionId: string) =>
  platform.tdb.withTenant(shop.tenantId, (tx) =>
    tx.message.findMany({
      where: { direction: 'out', conversation: { replyTo: sessionId } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    }),
  );

export const waitFor = async <T>(fn: () => Promise<T>, ok: (v: T) => boolean, ms = 10_000): Promise<T> => {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (ok(v)) return v;
    if (Date.now() > end) throw new Error(`condition not met in ${ms} ms: ${JSON.stringify(v)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
};

/** Lets queued work settle, then returns: for asserting that nothing more happens. */
export const settle = (ms = 600) => new Promise((r) => setTimeout(r, ms));
