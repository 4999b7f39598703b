import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/client';
import type { Config } from '../config';
import { applyMigrations, type MigrateResult } from './migrate';

/**
 * Opens the database the config asks for: PostgreSQL at DATABASE_URL, or PostgreSQL
 * embedded in-process (PGlite) under DATA_DIR when no URL is set. Both run the same
 * migrations and the same row-level security; in both, application queries run as the
 * unprivileged APP_DB_ROLE (see verify-isolation.ts).
 */
export interface Database {
  readonly kind: 'postgres' | 'embedded';
  /** Pool whose sessions run as the app role. Only the data layer uses it. */
  readonly pool: pg.Pool;
  /** Prisma over the same pool. Only `TenantDb` may use it (tenant context first). */
  readonly prisma: PrismaClient;
  close(): Promise<void>;
}

export interface AdminConnection {
  readonly client: pg.ClientBase;
  close(): Promise<void>;
}

interface Embedded {
  readonly url: string;
  stop(): Promise<void>;
}

const embeddedServers = new Map<string, Promise<Embedded>>();

/** Starts (once per data folder) PGlite behind a local PostgreSQL socket on 127.0.0.1. */
const startEmbedded = (dataDir: string): Promise<Embedded> => {
  const dir = path.resolve(dataDir, 'pgdata');
  let started = embeddedServers.get(dir);
  if (!started) {
    started = (async () => {
      await mkdir(dir, { recursive: true });
      const { PGlite } = await import('@electric-sql/pglite');
      const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');
      const db = await PGlite.create(dir);
      // The app pool holds at most one connection, but when pg-pool drops a client (it
      // destroys it after any failed pool.query) and reconnects at once, the old socket
      // is still being detached: with the default maxConnections of 1 the new one is
      // refused and the next query fails with "Connection terminated unexpectedly".
      const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 8 });
      await server.start();
      const conn = server.getServerConn(); // "127.0.0.1:PORT"
      return {
        url: `postgresql://postgres@${conn}/postgres`,
        stop: async () => {
          await server.stop();
          await db.close();
          embeddedServers.delete(dir);
        },
      };
    })();
    embeddedServers.set(dir, started);
  }
  return started;
};

const adminUrl = async (config: Config): Promise<string> =>
  config.DATABASE_ADMIN_URL ??
  config.DATABASE_URL ??
  (await startEmbedded(config.DATA_DIR)).url;

const appUrl = async (config: Config): Promise<string> =>
  config.DATABASE_URL ?? (await startEmbedded(config.DATA_DIR)).url;

/** A privileged connection for migrations and the operator's cross-tenant work. */
export const openAdmin = async (config: Config): Promise<AdminConnection> => {
  const client = new pg.Client({ connectionString: await adminUrl(config) });
  await client.connect();
  if (!config.DATABASE_URL) {
    // PGlite: one session shared with the app pool, which runs it as the app role.
    // Work as the owner while this connection lives, then hand the session back.
    await client.query('RESET ROLE');
    return {
      client,
      close: async () => {
        await client.query(`DO $$ BEGIN IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${config.APP_DB_ROLE}') THEN SET ROLE ${config.APP_DB_ROLE}; END IF; END $$`).catch(() => {});
        await client.end();
      },
    };
  }
  return { client, close: () => client.end() };
};

export const migrate = async (config: Config, log?: (m: string) => void): Promise<MigrateResult> => {
  const admin = await openAdmin(config);
  try {
    return await applyMigrations(admin.client, { log });
  } finally {
    await admin.close();
  }
};

export const openDatabase = async (config: Config): Promise<Database> => {
  const kind = config.DATABASE_URL ? 'postgres' : 'embedded';
  const pool = new pg.Pool({
    connectionString: await appUrl(config),
    // PGlite has a single session: more than one connection would only queue.
    max: kind === 'embedded' ? 1 : config.DATABASE_POOL_SIZE,
    // Sessions start as the app role even when the login user is privileged (a
    // developer's superuser URL); withTenant sets it again per transaction.
    options: kind === 'postgres' ? `-c role=${config.APP_DB_ROLE}` : undefined,
    idleTimeoutMillis: 30_000,
  });
  if (kind === 'embedded') {
    // PGlite is one session shared by every connection: switch it to the app role once.
    await pool.query(`SET ROLE ${config.APP_DB_ROLE}`);
  }
  pool.on('error', () => {
    // An idle client died (server restart); the pool replaces it on next use.
  });
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind,
    pool,
    prisma,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
      if (kind === 'embedded') await (await startEmbedded(config.DATA_DIR)).stop();
    },
  };
};
