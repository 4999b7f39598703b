import { idParamsSchema, orderStatusSchema } from '../../../core/contracts/common';
import { orderBoardSchema, orderDetailSchema, orderListQuerySchema, orderPageSchema, type OrderDetail } from '../../../core/contracts/orders';
import type { Prisma } from '../../db/generated/client';
import type { ApiDeps } from '../deps';
import { iso, notFound, route } from '../route';
import { orderRowInclude, toOrderRow } from './order-views';

const searchWhere = (q: string | undefined): Prisma.ServiceOrderWhereInput => {
  if (!q) return {};
  const n = /^#?(\d{1,9})$/.exec(q);
  return {
    OR: [
      ...(n ? [{ number: Number(n[1]) }] : []),
      { customer: { name: { contains: q, mode: 'insensitive' } } },
      { customer: { phoneE164: { contains: q.replace(/\D/g, '') || q } } },
      { vehicle: { plate: { contains: q.replace(/[^A-Za-z0-9]/g, ''), mode: 'insensitive' } } },
      { vehicle: { model: { contains: q, mode: 'insensitive' } } },
    ],
  };
};

export const orderRoutes = (deps: ApiDeps) => [
  route({
    method: 'get', path: '/orders', tag: 'orders', access: 'staff', summary: 'Lista de OS com filtros', query: orderListQuerySchema, response: orderPageSchema,
    handle: ({ auth, query }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const where: Prisma.ServiceOrderWhereInput = { ...(query.status ? { status: query.status } : {}), ...searchWhere(query.q) };
        // One transaction client runs one statement at a time: awaited in turn, not in parallel.
        const total = await tx.serviceOrder.count({ where });
        const rows = await tx.serviceOrder.findMany({ where, include: orderRowInclude, orderBy: { number: 'desc' }, skip: (query.page - 1) * query.pageSize, take: query.pageSize });
        return { items: rows.map(toOrderRow), page: query.page, pageSize: query.pageSize, total };
      }),
  }),
  route({
    method: 'get', path: '/orders/board', tag: 'orders', access: 'staff', summary: 'Quadro de OS abertas por status', response: orderBoardSchema,
    handle: ({ auth }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx) => {
        const rows = await tx.serviceOrder.findMany({
          where: { status: { notIn: ['entregue', 'recusada', 'cancelada'] } }, include: orderRowInclude, orderBy: { statusChangedAt: 'asc' }, take: 500,
        });
        const board: Record<string, ReturnType<typeof toOrderRow>[]> = {};
        for (const s of orderStatusSchema.options) if (!['entregue', 'recusada', 'cancelada'].includes(s)) board[s] = [];
        for (const r of rows) (board[r.status] ??= []).push(toOrderRow(r));
        return board;
      }),
  }),
  route({
    method: 'get', path: '/orders/:id', tag: 'orders', access: 'staff', summary: 'Detalhe da OS', params: idParamsSchema, response: orderDetailSchema,
    handle: ({ auth, params }) =>
      deps.tdb.withTenant(auth.tenantId, async (tx): Promise<OrderDetail> => {
        const o = await tx.serviceOrder.findUnique({
          where: { id: params.id },
          include: {
            ...orderRowInclude,
            customer: true,
            vehicle: true,
            quotes: { orderBy: { version: 'desc' }, include: { lines: { orderBy: { position: 'asc' } }, approvals: { orderBy: { at: 'asc' } } } },
            payments: { orderBy: { createdAt: 'asc' } },
            events: { orderBy: { at: 'asc' } },
          },
        });
        if (!o) throw notFound();
        const messages = o.conversationId
          ? await tx.message.findMany({ where: { conversationId: o.conversationId }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 500 })
          : [];
        return {
          order: { ...toOrderRow(o), complaint: o.complaint, conversationId: o.conversationId },
          customer: { id: o.customer.id, name: o.customer.name, phone: o.customer.phoneE164 },
          vehicle: o.vehicle ? { brand: o.vehicle.brand, model: o.vehicle.model, plate: o.vehicle.plate, year: o.vehicle.year } : null,
          timeline: messages.map((m) => ({ direction: m.direction === 'in' ? 'in' : 'out', text: m.text, status: m.status, at: m.createdAt.toISOString() })),
          quotes: o.quotes.map((q) => ({
            id: q.id, version: q.version, status: q.status, totalCents: q.totalCents, validUntil: q.validUntil.toISOString(), contentHash: q.contentHash,
            lines: q.lines.map((l) => ({
              position: l.position, kind: l.kind === 'labour' ? 'labour' : 'part', description: l.description, quantity: Number(l.quantity),
              unitPriceCents: l.unitPriceCents, totalCents: l.totalCents, optional: l.optional, decision: l.decision,
            })),
            approvals: q.approvals.map((a) => ({ decision: a.decision, actorType: a.actorType, channel: a.channel, contentHash: a.contentHash, at: a.at.toISOString() })),
          })),
          payments: o.payments.map((p) => ({ id: p.id, provider: p.provider, amountCents: p.amountCents, status: p.status, paidAt: iso(p.paidAt) })),
          events: o.events.map((e) => ({ from: e.fromState, to: e.toState, actorType: e.actorType, at: e.at.toISOString() })),
        };
      }),
  }),
];
