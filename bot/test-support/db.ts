import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../config';
import { migrate, openDatabase, type Database } from '../db/database';
import { createTenantDb, type TenantDb } from '../db/tenant-db';
import { testPg } from './env';

export interface TestDb {
  readonly config: Config;
  readonly db: Database;
  readonly tdb: TenantDb;
  close(): Promise<void>;
}

/** The shared, migrated test database, connected as the unprivileged app role. */
export const openTestDb = async (env: Record<string, string> = {}): Promise<TestDb> => {
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: testPg.appUrl(),
    DATABASE_ADMIN_URL: testPg.adminUrl(),
    DATABASE_POOL_SIZE: '4',
    LOG_LEVEL: 'silent',
    ...env,
  });
  const db = await openDatabase(config);
  return { config, db, tdb: createTenantDb(db, config.APP_DB_ROLE), close: () => db.close() };
};

/** A fresh embedded (PGlite) database in a temporary folder, migrated. */
export const openEmbeddedTestDb = async (): Promise<TestDb> => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-pglite-'));
  const config = loadConfig({ NODE_ENV: 'test', DATA_DIR: dir, LOG_LEVEL: 'silent' });
  await migrate(config);
  const db = await openDatabase(config);
  return {
    config,
    db,
    tdb: createTenantDb(db, config.APP_DB_ROLE),
    close: async () => {
      await db.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
};

export interface TestTenant {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
}

/**
 * Creates a tenant through the ordinary data layer: the tenants policy lets a
 * transaction whose context is a new id insert exactly that tenant's row.
 */
export const createTestTenant = async (
  tdb: TenantDb,
  data: Partial<{ name: string; slug: string; city: string; pixKey: string; labourRateCents: number; plan: string }> = {},
): Promise<TestTenant> => {
  const id = randomUUID();
  const slug = data.slug ?? `oficina-${id.slice(0, 8)}`;
  const name = data.name ?? `Oficina Teste ${id.slice(0, 4)}`;
  await tdb.withTenant(id, (tx) =>
    tx.tenant.create({
      data: {
        id,
        slug,
        name,
        city: data.city ?? 'São Paulo',
        pixKey: data.pixKey ?? null,
        labourRateCents: data.labourRateCents ?? 9000,
        plan: data.plan ?? 'pro',
      },
    }),
  );
  return { id, slug, name };
};
