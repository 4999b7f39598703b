import { toCsv, fromCsv } from '../../../core/catalogue/csv';
import type { CatalogueItem } from '../../../core/catalogue/types';
import {
  catalogueCreateBodySchema, catalogueImportBodySchema, catalogueImportResultSchema, catalogueItemDtoSchema, catalogueListSchema, catalogueUpdateBodySchema,
} from '../../../core/contracts/catalogue';
import { idParamsSchema, okSchema } from '../../../core/contracts/common';
import type { Prisma } from '../../db/generated/client';
import { audit } from '../../pipeline/audit';
import type { ApiDeps } from '../deps';
import { API_MESSAGES as M } from '../messages';
import { conflict, notFound, route } from '../route';

type Row = Prisma.CatalogueItemGetPayload<object>;
const toItem = (r: Row): CatalogueItem => ({
  sku: r.sku, serviceCode: r.serviceCode as CatalogueItem['serviceCode'], familyId: r.familyId, kind: r.kind === 'labour' ? 'labour' : 'part',
  description: r.description, priceCents: r.priceCents, quantity: Number(r.quantity), labourMinutes: r.labourMinutes, active: r.active,
});
const toDto = (r: Row) => ({ id: r.id, ...toItem(r) });

const isUnique = (err: unknown) => (err as { code?: string }).code === 'P2002';

export const catalogueRoutes = (deps: ApiDeps) => [
  route({
    method: 'get', path: '/catalogue', tag: 'catalogue', access: 'staff', summary: 'Lista o catálogo', response: catalogueListSchema,
    handle: ({ auth }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => ({
        items: (await tx.catalogueItem.findMany({ orderBy: [{ serviceCode: 'asc' }, { sku: 'asc' }] })).map(toDto),
      })),
  }),
  route({
    method: 'get', path: '/catalogue/export.csv', tag: 'catalogue', access: 'staff', summary: 'Exporta o catálogo em CSV', response: 'text/csv',
    handle: async ({ auth, res }) => {
      const rows = await deps.tdb.withTenant(auth.tenantId, (tx) => tx.catalogueItem.findMany({ orderBy: [{ serviceCode: 'asc' }, { sku: 'asc' }] }));
      res.setHeader('content-type', 'text/csv; charset=utf-8');
      res.setHeader('content-disposition', 'attachment; filename="catalogo.csv"');
      res.send(toCsv(rows.map(toItem)));
    },
  }),
  route({
    method: 'post', path: '/catalogue/import', tag: 'catalogue', access: 'owner', feature: 'csvImport', summary: 'Importa o catálogo de um CSV (upsert por código)',
    body: catalogueImportBodySchema, response: catalogueImportResultSchema,
    handle: async ({ auth, actor, body, res }) => {
      const parsed = fromCsv(body.csv);
      if (!parsed.ok) {
        res.status(400).json({ code: 'VALIDATION_FAILED', message: M.csvInvalid, issues: parsed.errors.map((e) => ({ path: `linha ${e.line}`, message: e.message })) });
        return;
      }
      return deps.tdb.withTenant(auth.tenantId, async (tx) => {
        if (body.replace) await tx.catalogueItem.deleteMany({ where: { sku: { notIn: parsed.items.map((i) => i.sku) } } });
        for (const item of parsed.items) {
          await tx.catalogueItem.upsert({ where: { tenantId_sku: { tenantId: auth.tenantId, sku: item.sku } }, create: { tenantId: auth.tenantId, ...item }, update: item });
        }
        await audit(tx, auth.tenantId, actor, 'catalogue.imported', 'catalogue', null, { after: { items: parsed.items.length, replace: body.replace } });
        return { imported: parsed.items.length };
      }, { timeout: 60_000 });
    },
  }),
  route({
    method: 'post', path: '/catalogue', tag: 'catalogue', access: 'owner', summary: 'Cria item do catálogo', body: catalogueCreateBodySchema, response: catalogueItemDtoSchema,
    handle: async ({ auth, actor, body, res }) => {
      try {
        const created = await deps.tdb.withTenant(auth.tenantId, async (tx) => {
          const row = await tx.catalogueItem.create({ data: { tenantId: auth.tenantId, ...body } });
          await audit(tx, auth.tenantId, actor, 'catalogue.created', 'catalogue_item', row.id, { after: toItem(row) });
          return toDto(row);
        });
        res.status(201);
        return created;
      } catch (err) {
        if (isUnique(err)) throw conflict(M.skuTaken(body.sku));
        throw err;
      }
    },
  }),
  route({
    method: 'put', path: '/catalogue/:id', tag: 'catalogue', access: 'owner', summary: 'Altera item do catálogo', params: idParamsSchema, body: catalogueUpdateBodySchema, response: catalogueItemDtoSchema,
    handle: async ({ auth, actor, params, body }) => {
      try {
        return await deps.tdb.withTenant(auth.tenantId, async (tx) => {
          const before = await tx.catalogueItem.findUnique({ where: { id: params.id } });
          if (!before) throw notFound();
          const row = await tx.catalogueItem.update({ where: { id: params.id }, data: body });
          await audit(tx, auth.tenantId, actor, 'catalogue.updated', 'catalogue_item', row.id, { before: toItem(before), after: toItem(row) });
          return toDto(row);
        });
      } catch (err) {
        if (isUnique(err)) throw conflict(M.skuTaken(body.sku));
        throw err;
      }
    },
  }),
  route({
    method: 'delete', path: '/catalogue/:id', tag: 'catalogue', access: 'owner', summary: 'Remove item do catálogo', params: idParamsSchema, response: okSchema,
    handle: ({ auth, actor, params }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const before = await tx.catalogueItem.findUnique({ where: { id: params.id } });
        if (!before) throw notFound();
        await tx.catalogueItem.delete({ where: { id: params.id } });
        await audit(tx, auth.tenantId, actor, 'catalogue.deleted', 'catalogue_item', params.id, { before: toItem(before) });
        return { ok: true as const };
      }),
  }),
];
