import { writeFile } from 'node:fs/promises';
import { toCsv } from '../../../core/catalogue/csv';
import type { CatalogueItem } from '../../../core/catalogue/types';
import type { CliDeps } from '../deps';
import { parseFlags } from '../parse-flags';
import { resolveTenant, withTenantDb } from '../tenant-context';
import { requireFlag } from '../validate';

/** `catalogue:export`: the shop's catalogue as Excel-friendly CSV, to a file or to the terminal. */
export const catalogueExport = async (
  deps: CliDeps,
  argv: readonly string[],
): Promise<{ items: number; csv: string }> => {
  const f = parseFlags(argv, { tenant: { type: 'string' }, out: { type: 'string' } });
  const tenantRef = requireFlag(f.tenant, 'tenant');
  const outFile = f.out === undefined ? undefined : requireFlag(f.out, 'out');

  return withTenantDb(deps.config, async (tdb) => {
    const { tenantId, slug } = await resolveTenant(tdb, tenantRef);
    const rows = await tdb.withTenant(tenantId, (tx) => tx.catalogueItem.findMany({ orderBy: { sku: 'asc' } }));
    const items: CatalogueItem[] = rows.map((r) => ({
      sku: r.sku,
      serviceCode: r.serviceCode as CatalogueItem['serviceCode'],
      familyId: r.familyId,
      kind: r.kind as CatalogueItem['kind'],
      description: r.description,
      priceCents: r.priceCents,
      quantity: Number(r.quantity),
      labourMinutes: r.labourMinutes,
      active: r.active,
    }));
    if (outFile) {
      const csv = toCsv(items);
      await writeFile(outFile, csv, 'utf8');
      deps.out(`${items.length} item(ns) do catálogo de ${slug} exportado(s) para ${outFile}.`);
      return { items: items.length, csv };
    }
    // On a terminal the BOM is noise; a redirect to a file still opens in Excel via import.
    const csv = toCsv(items, { bom: false, eol: '\n' });
    for (const line of csv.replace(/\n$/, '').split('\n')) deps.out(line);
    return { items: items.length, csv };
  });
};
