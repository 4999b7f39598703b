import pg from 'pg';
import { Redis } from 'ioredis';
import { applyMigrations } from '../db/migrate';
import { databaseUrl } from '../db/urls';

/** Throwaway PostgreSQL database for one bench run, created and dropped with the superuser. */
export interface BenchDatabase {
  readonly name: string;
  readonly adminUrl: string;
  readonly appUrl: (role: string) => string;
  drop(): Promise<void>;
}

export const createBenchDatabase = async (maintenanceUrl: string, name: string): Promise<BenchDatabase> => {
  if (!/^[a-z0-9_]+$/.test(name)) throw new Error(`nome de banco inválido: ${name}`);
  const maint = new pg.Client({ connectionString: maintenanceUrl });
  await maint.connect();
  let dropped = false;
  const drop = async () => {
    if (dropped) return;
    dropped = true;
    const c = new pg.Client({ connectionString: maintenanceUrl });
    try {
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    } finally {
      await c.end().catch(() => {});
    }
  };
  try {
    await maint.query(`CREATE DATABASE "${name}"`);
  } finally {
    await maint.end();
  }
  const adminUrl = databaseUrl(maintenanceUrl, name);
  const admin = new pg.Client({ connectionString: adminUrl });
  try {
    await admin.connect();
    await applyMigrations(admin);
  } catch (err) {
    await admin.end().catch(() => {});
    await drop().catch(() => {});
    throw err;
  }
  await admin.end();
  return { name, adminUrl, appUrl: (role) => databaseUrl(maintenanceUrl, name, role), drop };
};

/** Deletes every Redis key under `prefix:` (BullMQ keys are `<prefix>:<queue>:...`). */
export const deleteRedisPrefix = async (url: string, prefix: string): Promise<number> => {
  if (!prefix || prefix.includes('*')) throw new Error(`prefixo inválido: ${prefix}`);
  const redis = new Redis(url, { maxRetriesPerRequest: 2, lazyConnect: true });
  let deleted = 0;
  try {
    await redis.connect();
    let cursor = '0';
    let rounds = 0;
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length) deleted += await redis.unlink(...keys);
    } while (cursor !== '0' && ++rounds < 100_000);
  } finally {
    redis.disconnect();
  }
  return deleted;
};
