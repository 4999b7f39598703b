import type { Config } from '../config';
import { migrate, openDatabase } from '../db/database';
import { createTenantDb, type TenantDb } from '../db/tenant-db';
import { CliError } from './cli-error';
import { MSG } from './messages';
import { isUuid, validSlug } from './validate';

/** Opens the app-role database for one command and always closes it. */
export const withTenantDb = async <T>(config: Config, fn: (tdb: TenantDb) => Promise<T>): Promise<T> => {
  // Zero-config: the embedded database may be brand new; migrating is idempotent and cheap.
  if (config.mode.database === 'embedded') await migrate(config);
  const db = await openDatabase(config);
  try {
    return await fn(createTenantDb(db, config.APP_DB_ROLE));
  } finally {
    await db.close();
  }
};

/** `--tenant` takes a slug or a tenant id; either must name an existing shop. */
export const resolveTenant = async (tdb: TenantDb, ref: string): Promise<{ tenantId: string; slug: string }> => {
  if (isUuid(ref)) {
    const tenant = await tdb.withTenant(ref, (tx) => tx.tenant.findUnique({ where: { id: ref }, select: { slug: true } }));
    if (!tenant) throw new CliError(MSG.unknownTenant(ref));
    return { tenantId: ref, slug: tenant.slug };
  }
  const found = await tdb.lookup.tenantBySlug(validSlug(ref));
  if (!found) throw new CliError(MSG.unknownTenant(ref));
  return { tenantId: found.tenantId, slug: ref };
};

/** Prisma's unique-constraint error, through the pg adapter. */
export const isUniqueViolation = (err: unknown): boolean =>
  (err as { code?: string }).code === 'P2002' || /unique constraint/i.test(String((err as Error)?.message));
