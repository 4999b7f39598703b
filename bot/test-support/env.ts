/**
 * Where the test suite finds PostgreSQL and Redis. Defaults are the local services'
 * standard ports; override with TEST_PG_ADMIN_URL / TEST_REDIS_URL.
 */
const pgAdminBase = process.env.TEST_PG_ADMIN_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Set by global-setup.ts for each run. */
const testDbName = (): string => process.env.TEST_DB_NAME ?? 'motogestor_test';

const withDb = (url: string, db: string, user?: string): string => {
  const u = new URL(url);
  u.pathname = `/${db}`;
  if (user) {
    u.username = user;
    u.password = '';
  }
  return u.toString();
};

export const testPg = {
  /** Superuser on the maintenance database: creates and drops test databases. */
  maintenanceUrl: pgAdminBase,
  adminUrl: (db = testDbName()) => withDb(pgAdminBase, db),
  /** The unprivileged application role, as production connects. */
  appUrl: (db = testDbName()) => withDb(pgAdminBase, db, 'motogestor_app'),
};

export const TEST_REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
