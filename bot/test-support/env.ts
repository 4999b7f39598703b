import { databaseUrl } from '../db/urls';

/**
 * Where the test suite finds PostgreSQL and Redis. Defaults are the local services'
 * standard ports; override with TEST_PG_ADMIN_URL / TEST_REDIS_URL.
 */
const pgAdminBase = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Set by global-setup.ts for each run. */
const testDbName = (): string => process.env.TEST_DB_NAME ?? 'motogestor_test';

export const testPg = {
  /** Superuser on the maintenance database: creates and drops test databases. */
  maintenanceUrl: pgAdminBase,
  adminUrl: (db = testDbName()) => databaseUrl(pgAdminBase, db),
  /** The unprivileged application role, as production connects. */
  appUrl: (db = testDbName()) => databaseUrl(pgAdminBase, db, 'motogestor_app'),
};

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
