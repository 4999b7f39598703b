import { readFile } from 'node:fs/promises';
import { fromCsv } from '../../../core/catalogue/csv';
import { CliError } from '../cli-error';
import type { CliDeps } from '../deps';
import { MSG } from '../messages';
import { parseFlags } from '../parse-flags';
import { resolveTenant, withTenantDb } from '../tenant-context';
import { requireFlag } from '../validate';

/**
 * `catalogue:import`: upserts by SKU, all or nothing: one bad line and nothing is
 * imported, with every bad line listed so the owner fixes them in one pass.
 */
export const catalogueImport = async (
  deps: CliDeps,
  argv: readonly string[],
): Promise<{ created: number; updated: number }> => {
  const f = parseFlags(argv, { tenant: { type: 'string' }, file: { type: 'string' } });
  const tenantRef = requireFlag(f.tenant, 'tenant');
  const file = requireFlag(f.file, 'file');
  const text = await readFile(file, 'utf8').catch(() => {
    throw new CliError(MSG.fileNotFound(file));
  });
  const parsed = fromCsv(text);
  if (!parsed.ok) {
    for (const e of parsed.errors) deps.out(MSG.csvLine(e.line, e.message));
    throw new CliError(MSG.csvErrors(parsed.errors.length));
  }

  return withTenantDb(deps.config, async (tdb) => {
    const { tenantId, slug } = await resolveTenant(tdb, tenantRef);
    const result = await tdb.withTenant(
      tenantId,
      async (tx) => {
        const existing = new Set((await tx.catalogueItem.findMany({ select: { sku: true } })).map((r) => r.sku));
        let created = 0;
        for (const item of parsed.items) {
          await tx.catalogueItem.upsert({
            where: { tenantId_sku: { tenantId, sku: item.sku } },
            create: { tenantId, ...item },
            update: { ...item },
          });
          if (!existing.has(item.sku)) created++;
        }
        const counts = { created, updated: parsed.items.length - created };
        await tx.auditLog.create({
          data: { tenantId, actorType: 'operator', action: 'catalogue.imported', entity: 'catalogue', after: { file, ...counts } },
        });
        return counts;
      },
      { timeout: 120_000 },
    );
    deps.out(`Catálogo de ${slug} importado: ${result.created} item(ns) novo(s), ${result.updated} atualizado(s).`);
    return result;
  });
};
