import { randomUUID } from 'node:crypto';
import express, { type Express } from 'express';
import type { Platform } from '../platform';
import { seedDemo, type SeedDemoResult } from '../seed/seed-demo';
import { createPasswordHasher } from '../security/password';
import { createTestPlatform, silentLogger } from '../test-support/platform';
import type { LoginLimiter } from '../auth/rate-limit';
import type { AuthOptionsInput } from '../auth/options';
import { apiRoutes, type ApiDeps } from './routes';

/** Test-only wiring of the API, as the lead mounts it in bot/platform.ts. */
export const TEST_JWT_SECRET = 'test-secret-test-secret-test-secret-0123';
export const cheapHasher = createPasswordHasher({ N: 1024, concurrency: 4 });

export const apiApp = (p: Platform, over: Omit<Partial<ApiDeps>, 'auth'> & { auth?: Partial<AuthOptionsInput>; limiter?: LoginLimiter } = {}): Express => {
  const app = express();
  app.set('trust proxy', 'loopback');
  app.use(express.json({ limit: '256kb' }));
  app.use(
    '/api',
    apiRoutes({
      tdb: p.tdb, queues: p.queues, secrets: p.secrets, logger: silentLogger, hasher: cheapHasher, ...over,
      auth: { jwtSecret: TEST_JWT_SECRET, cookieSecure: false, ...over.auth },
    }),
  );
  return app;
};

export const startApiPlatform = () => createTestPlatform({ queue: 'in-process' });

export const seedApiShop = async (p: Platform): Promise<SeedDemoResult> => {
  const seeded = await seedDemo(p.tdb, { hasher: cheapHasher, slug: `api-${randomUUID().slice(0, 8)}` });
  if (!seeded) throw new Error('seed failed');
  return seeded;
};
