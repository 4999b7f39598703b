import { idParamsSchema, okSchema } from '../../../core/contracts/common';
import { customerDetailSchema, customerExportSchema, customerListQuerySchema, customerPageSchema } from '../../../core/contracts/customers';
import { Prisma } from '../../db/generated/client';
import type { Tx } from '../../db/tenant-db';
import { audit } from '../../pipeline/audit';
import type { ApiDeps } from '../deps';
import { API_MESSAGES as M } from '../messages';
import { conflict, notFound, route } from '../route';
import { orderRowInclude, toOrderRow } from './order-views';

type CustomerRow = Prisma.CustomerGetPayload<object>;
const toRow = (c: CustomerRow) => ({
  id: c.id, name: c.name, phone: c.phoneE164, email: c.email, anonymised: Boolean(c.anonymisedAt), createdAt: c.createdAt.toISOString(),
});

const customerOr404 = async (tx: Tx, id: string) => {
  const c = await tx.customer.findUnique({ where: { id } });
  if (!c) throw notFound();
  return c;
};

/** LGPD art. 18: everything we hold about the person, in one JSON document. */
const exportCustomer = async (tx: Tx, id: string) => {
  const customer = await customerOr404(tx, id);
  // One transaction client runs one statement at a time: awaited in turn, not in parallel.
  const identities = await tx.customerIdentity.findMany({ where: { customerId: id } });
  const vehicles = await tx.vehicle.findMany({ where: { customerId: id } });
  const orders = await tx.serviceOrder.findMany({
    where: { customerId: id },
    include: { quotes: { include: { lines: true, approvals: true } }, payments: true, events: true },
    orderBy: { number: 'asc' },
  });
  const conversations = await tx.conversation.findMany({ where: { customerId: id }, include: { messages: { orderBy: { createdAt: 'asc' } } } });
  const consents = await tx.consentRecord.findMany({ where: { customerId: id }, orderBy: { at: 'asc' } });
  return JSON.parse(
    JSON.stringify({ exportedAt: new Date().toISOString(), customer, identities, vehicles, orders, conversations, consents }, (_k, v: unknown) =>
      typeof v === 'bigint' ? v.toString() : v,
    ),
  ) as Record<string, unknown>;
};

/**
 * LGPD deletion: personal data is replaced, fiscal records (orders, quotes, payments and
 * their amounts) and consent evidence are kept, as the law requires.
 */
const anonymise = async (tx: Tx, tenantId: string, id: string, actorId: string) => {
  const c = await customerOr404(tx, id);
  if (c.anonymisedAt) throw conflict(M.anonymised);
  const convs = await tx.conversation.findMany({ where: { customerId: id }, select: { id: true } });
  const convIds = convs.map((x) => x.id);
  const messages = await tx.message.updateMany({
    where: { conversationId: { in: convIds } },
    data: { text: M.removedText, media: Prisma.DbNull, payload: Prisma.DbNull },
  });
  for (const conv of convs) await tx.conversation.update({ where: { id: conv.id }, data: { replyTo: `anonimizado:${conv.id}`, state: {} } });
  const identities = await tx.customerIdentity.deleteMany({ where: { customerId: id } });
  await tx.vehicle.updateMany({ where: { customerId: id }, data: { plate: null } });
  await tx.serviceOrder.updateMany({ where: { customerId: id }, data: { complaint: null } });
  await tx.customer.update({ where: { id }, data: { name: M.anonymisedName, phoneE164: null, email: null, notes: null, anonymisedAt: new Date() } });
  // Counts only: the audit trail must not keep what was just erased.
  await audit(tx, tenantId, { type: 'user', id: actorId }, 'customer.anonymised', 'customer', id, {
    after: { messages: messages.count, identities: identities.count, conversations: convIds.length },
  });
  return { ok: true as const };
};

export const customerRoutes = (deps: ApiDeps) => [
  route({
    method: 'get', path: '/customers', tag: 'customers', access: 'staff', summary: 'Busca clientes', query: customerListQuerySchema, response: customerPageSchema,
    handle: ({ auth, query }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const q = query.q;
        const where: Prisma.CustomerWhereInput = q
          ? { OR: [{ name: { contains: q, mode: 'insensitive' } }, { phoneE164: { contains: q.replace(/\D/g, '') || q } }, { email: { contains: q, mode: 'insensitive' } }] }
          : {};
        // One transaction client runs one statement at a time: awaited in turn, not in parallel.
        const total = await tx.customer.count({ where });
        const rows = await tx.customer.findMany({ where, orderBy: { createdAt: 'desc' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
        return { items: rows.map(toRow), page: query.page, pageSize: query.pageSize, total };
      }),
  }),
  route({
    method: 'get', path: '/customers/:id', tag: 'customers', access: 'staff', summary: 'Detalhe do cliente', params: idParamsSchema, response: customerDetailSchema,
    handle: ({ auth, params }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const c = await customerOr404(tx, params.id);
        // One transaction client runs one statement at a time: awaited in turn, not in parallel.
        const vehicles = await tx.vehicle.findMany({ where: { customerId: c.id }, orderBy: { createdAt: 'asc' } });
        const orders = await tx.serviceOrder.findMany({ where: { customerId: c.id }, include: orderRowInclude, orderBy: { number: 'desc' } });
        return {
          customer: { ...toRow(c), marketingConsent: c.marketingConsent, notes: c.notes },
          vehicles: vehicles.map((v) => ({ id: v.id, brand: v.brand, model: v.model, plate: v.plate, year: v.year, km: v.km })),
          orders: orders.map(toOrderRow),
        };
      }),
  }),
  route({
    method: 'get', path: '/customers/:id/export', tag: 'customers', access: 'owner', summary: 'Exporta os dados do cliente (LGPD)', params: idParamsSchema, response: customerExportSchema,
    handle: ({ auth, actor, params, res }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const data = await exportCustomer(tx, params.id);
        await audit(tx, auth.tenantId, actor, 'customer.exported', 'customer', params.id);
        res.setHeader('content-disposition', `attachment; filename="cliente-${params.id}.json"`);
        return data;
      }),
  }),
  route({
    method: 'post', path: '/customers/:id/anonymise', tag: 'customers', access: 'owner', summary: 'Anonimiza o cliente (LGPD), mantendo registros fiscais',
    params: idParamsSchema, response: okSchema,
    handle: ({ auth, params }) => deps.tdb.withTenant(auth.tenantId, (tx) => anonymise(tx, auth.tenantId, params.id, auth.userId), { timeout: 30_000 }),
  }),
];
