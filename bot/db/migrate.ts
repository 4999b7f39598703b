import { createHash, randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type pg from 'pg';

/**
 * Applies prisma/migrations/* offline, recording each one in `_prisma_migrations`
 * exactly as `prisma migrate deploy` does (same table, name, SHA-256 checksum of
 * migration.sql), so `prisma migrate status` on a connected machine agrees.
 * Safe to run twice and from two processes at once (advisory lock).
 */
export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../prisma/migrations',
);

export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

export interface MigrateResult {
  readonly applied: string[];
  readonly skipped: string[];
}

type Queryable = Pick<pg.ClientBase, 'query'>;

const LOCK_KEY = 72_707_369; // arbitrary, constant: serialises concurrent migrators

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

export const readMigrations = async (dir = MIGRATIONS_DIR): Promise<MigrationFile[]> => {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
};

export class MigrationChecksumError extends Error {
  constructor(readonly migration: string) {
    super(`A migração ${migration} já aplicada foi alterada depois (checksum diferente). Crie uma nova migração em vez de editar uma aplicada.`);
    this.name = 'MigrationChecksumError';
  }
}

export const applyMigrations = async (
  client: Queryable,
  opts: { dir?: string; log?: (msg: string) => void } = {},
): Promise<MigrateResult> => {
  const log = opts.log ?? (() => {});
  const migrations = await readMigrations(opts.dir);
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
  try {
    await client.query(CREATE_TABLE);
    const { rows } = await client.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations"
       WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const done = new Map(rows.map((r) => [r.migration_name, r.checksum]));
    const result: MigrateResult = { applied: [], skipped: [] };
    for (const m of migrations) {
      const recorded = done.get(m.name);
      if (recorded !== undefined) {
        if (recorded !== m.checksum) throw new MigrationChecksumError(m.name);
        result.skipped.push(m.name);
        continue;
      }
      const id = randomUUID();
      await client.query('BEGIN');
      try {
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at) VALUES ($1, $2, $3, now())`,
          [id, m.checksum, m.name],
        );
        await client.query(m.sql);
        await client.query(
          `UPDATE "_prisma_migrations" SET finished_at = now(), applied_steps_count = 1 WHERE id = $1`,
          [id],
        );
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK');
        throw new Error(`Falha ao aplicar a migração ${m.name}: ${(err as Error).message}`, { cause: err });
      }
      log(`migração aplicada: ${m.name}`);
      result.applied.push(m.name);
    }
    return result;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]);
  }
};
