import { createHash, randomUUID } from 'node:crypto';
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile, cp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testPg } from '../test-support/env';
import { openEmbeddedTestDb } from '../test-support/db';
import { migrate, openAdmin } from './database';
import { applyMigrations, MIGRATIONS_DIR, MigrationChecksumError } from './migrate';

interface MigrationRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
  applied_steps_count: number;
}

/** The migrations on disk, hashed here independently of readMigrations(). */
const onDisk = async (dir = MIGRATIONS_DIR): Promise<{ name: string; checksum: string }[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => ({
      name,
      checksum: createHash('sha256').update(await readFile(path.join(dir, name, 'migration.sql'))).digest('hex'),
    })),
  );
};

const created: string[] = [];
let maint: pg.Client;
/**
 * A snapshot of prisma/migrations taken once: the PostgreSQL cases migrate from it, so a
 * teammate editing a migration file mid-run cannot make them flaky.
 */
let snapshot: string;

/** A new, EMPTY database on the test server; dropped in afterAll. */
const emptyDatabase = async (): Promise<string> => {
  const name = `mg_migrate_test_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  await maint.query(`CREATE DATABASE "${name}"`);
  created.push(name);
  return name;
};

const connect = async (db: string): Promise<pg.Client> => {
  const c = new pg.Client({ connectionString: testPg.adminUrl(db) });
  c.on('error', () => {}); // its database is dropped WITH (FORCE) at the end
  await c.connect();
  return c;
};

const rowsOf = async (c: pg.Client): Promise<MigrationRow[]> =>
  (
    await c.query<MigrationRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
         FROM "_prisma_migrations" ORDER BY migration_name`,
    )
  ).rows;

beforeAll(async () => {
  maint = new pg.Client({ connectionString: testPg.maintenanceUrl });
  await maint.connect();
  snapshot = await mkdtemp(path.join(os.tmpdir(), 'mg-migrations-snapshot-'));
  await cp(MIGRATIONS_DIR, snapshot, { recursive: true });
});
afterAll(async () => {
  if (snapshot) await rm(snapshot, { recursive: true, force: true });
  for (const name of created) await maint.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
  await maint?.end();
});

describe('applyMigrations on PostgreSQL', () => {
  it('applies every migration to an empty database and records it like prisma migrate deploy', async () => {
    const expected = await onDisk(snapshot);
    expect(expected.length).toBeGreaterThanOrEqual(2);
    const c = await connect(await emptyDatabase());
    try {
      const before = await c.query(`SELECT to_regclass('public._prisma_migrations') AS t, to_regclass('public.customers') AS c`);
      expect(before.rows).toEqual([{ t: null, c: null }]);

      const result = await applyMigrations(c, { dir: snapshot });
      expect(result).toEqual({ applied: expected.map((m) => m.name), skipped: [] });

      const rows = await rowsOf(c);
      expect(rows.map((r) => r.migration_name)).toEqual(expected.map((m) => m.name));
      for (const [i, r] of rows.entries()) {
        expect(r.finished_at, r.migration_name).toBeInstanceOf(Date);
        expect(r.rolled_back_at).toBeNull();
        expect(r.applied_steps_count).toBe(1);
        expect(r.checksum).toBe(expected[i]!.checksum);
        expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
      }
      // The schema is really there, with RLS forced.
      const rls = await c.query<{ relrowsecurity: boolean; relforcerowsecurity: boolean }>(
        `SELECT relrowsecurity, relforcerowsecurity FROM pg_class WHERE oid = 'public.customers'::regclass`,
      );
      expect(rls.rows).toEqual([{ relrowsecurity: true, relforcerowsecurity: true }]);
      const fn = await c.query(`SELECT to_regprocedure('resolve_login(text)') IS NOT NULL AS ok`);
      expect(fn.rows).toEqual([{ ok: true }]);
    } finally {
      await c.end();
    }
  });

  it('applying again is a no-op', async () => {
    const expected = (await onDisk(snapshot)).map((m) => m.name);
    const c = await connect(await emptyDatabase());
    try {
      await applyMigrations(c, { dir: snapshot });
      const first = await rowsOf(c);
      const again = await applyMigrations(c, { dir: snapshot });
      expect(again).toEqual({ applied: [], skipped: expected });
      expect(await rowsOf(c)).toEqual(first);
    } finally {
      await c.end();
    }
  });

  it('two concurrent migrators on the same empty database both succeed and apply each migration once', async () => {
    const expected = (await onDisk(snapshot)).map((m) => m.name);
    const db = await emptyDatabase();
    const [c1, c2] = await Promise.all([connect(db), connect(db)]);
    try {
      const [r1, r2] = await Promise.all([applyMigrations(c1, { dir: snapshot }), applyMigrations(c2, { dir: snapshot })]);
      // Between them, every migration applied exactly once; the other one skipped it.
      const applied = [...r1.applied, ...r2.applied].sort();
      expect(applied).toEqual(expected);
      for (const name of expected) {
        expect(r1.applied.includes(name) !== r2.applied.includes(name), name).toBe(true);
        expect(r1.skipped.includes(name)).toBe(r2.applied.includes(name));
      }
      const counts = await c1.query<{ migration_name: string; n: number }>(
        `SELECT migration_name, count(*)::int AS n FROM "_prisma_migrations" GROUP BY migration_name ORDER BY migration_name`,
      );
      expect(counts.rows).toEqual(expected.map((name) => ({ migration_name: name, n: 1 })));
      expect((await rowsOf(c1)).every((r) => r.finished_at !== null && r.applied_steps_count === 1)).toBe(true);
    } finally {
      await Promise.all([c1.end(), c2.end()]);
    }
  });

  it('refuses to run when an applied migration\'s checksum differs, and releases its lock', async () => {
    const expected = await onDisk(snapshot);
    const db = await emptyDatabase();
    const c = await connect(db);
    const other = await connect(db);
    try {
      await applyMigrations(c, { dir: snapshot });
      const target = expected[0]!.name;
      await c.query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, ['0'.repeat(64), target]);
      const err = await applyMigrations(c, { dir: snapshot }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(MigrationChecksumError);
      expect((err as MigrationChecksumError).migration).toBe(target);
      // The advisory lock was released: another session is not blocked, it fails the same way.
      const err2 = await applyMigrations(other, { dir: snapshot }).catch((e: unknown) => e);
      expect(err2).toBeInstanceOf(MigrationChecksumError);
      const locks = await c.query(`SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`);
      expect(locks.rows).toEqual([{ n: 0 }]);
      // Restoring the recorded checksum makes it a no-op again.
      await c.query(`UPDATE "_prisma_migrations" SET checksum = $1 WHERE migration_name = $2`, [expected[0]!.checksum, target]);
      await expect(applyMigrations(c, { dir: snapshot })).resolves.toEqual({ applied: [], skipped: expected.map((m) => m.name) });
    } finally {
      await Promise.all([c.end(), other.end()]);
    }
  });

  it('a failing migration is rolled back entirely and not recorded', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'mg-migrations-'));
    try {
      await cp(snapshot, dir, { recursive: true });
      const broken = '29991231000000_broken';
      await mkdir(path.join(dir, broken));
      await writeFile(path.join(dir, broken, 'migration.sql'), 'CREATE TABLE "half_done" ("id" INT);\nSELECT 1/0;\n');
      const good = (await onDisk(snapshot)).map((m) => m.name);
      const c = await connect(await emptyDatabase());
      try {
        await expect(applyMigrations(c, { dir })).rejects.toThrow(new RegExp(`Falha ao aplicar a migração ${broken}`));
        const rows = await rowsOf(c);
        expect(rows.map((r) => r.migration_name)).toEqual(good);
        const t = await c.query(`SELECT to_regclass('public.half_done') AS t`);
        expect(t.rows).toEqual([{ t: null }]);
        // The connection is usable and the lock free: the good ones are now skipped.
        await expect(applyMigrations(c, { dir: snapshot })).resolves.toEqual({ applied: [], skipped: good });
      } finally {
        await c.end();
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('migrate on embedded PGlite', () => {
  it('a second migrate() after openEmbeddedTestDb is a no-op', async () => {
    const t = await openEmbeddedTestDb();
    try {
      // Before the app pool has connected: PGlite has one shared session, and once the
      // pool has SET ROLE to the app role, an admin connection would inherit that role.
      const again = await migrate(t.config);
      const expected = await onDisk();
      expect(again).toEqual({ applied: [], skipped: expected.map((m) => m.name) });
      const admin = await openAdmin(t.config);
      try {
        const rows = (await admin.client.query<MigrationRow>(
          `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count
             FROM "_prisma_migrations" ORDER BY migration_name`,
        )).rows;
        expect(rows.map((r) => [r.migration_name, r.checksum, r.applied_steps_count])).toEqual(
          expected.map((m) => [m.name, m.checksum, 1]),
        );
        expect(rows.every((r) => r.finished_at !== null && r.rolled_back_at === null)).toBe(true);
      } finally {
        await admin.close();
      }
      // And the database still works for the app afterwards.
      const { rows } = await t.db.pool.query<{ u: string }>('SELECT current_user AS u');
      expect(rows[0]?.u).toBe(t.config.APP_DB_ROLE);
    } finally {
      await t.close();
    }
  });
});
