import { randomUUID } from 'node:crypto';
import { idParamsSchema, okSchema } from '../../../core/contracts/common';
import { changeStatusBodySchema, editQuoteBodySchema, markPaidBodySchema } from '../../../core/contracts/orders';
import { customerMessages } from '../../../flows/customer';
import { tzOffsetMinutes } from '../../../flows/customer/opening-hours';
import { customerNoticeFor, transition } from '../../../flows/staff';
import type { OrderStatus } from '../../../flows/types';
import type { Prisma } from '../../db/generated/client';
import type { Tx } from '../../db/tenant-db';
import { audit, type Actor } from '../../pipeline/audit';
import { quoteContentHash } from '../../pipeline/apply-db-effect';
import { setOrderStatus } from '../../pipeline/order-status';
import { CLOSED_STATUSES, orderSummary, quoteSummary } from '../../pipeline/summaries';
import { STAFF_TEXTS } from '../../staff/run-staff-command';
import type { ApiDeps } from '../deps';
import { API_MESSAGES as M } from '../messages';
import { flush, newPending, tellCustomer, type Pending } from '../notify';
import { conflict, notFound, route } from '../route';

interface Ctx {
  tx: Tx;
  tenantId: string;
  actor: Actor;
  pending: Pending;
  now: Date;
}

const approvalButtons = () =>
  customerMessages.QUOTE_BUTTONS.filter((b) => b.id === customerMessages.BUTTON_IDS.approve || b.id === customerMessages.BUTTON_IDS.reject);

const orderOr404 = async (tx: Tx, id: string) => {
  const o = await tx.serviceOrder.findUnique({ where: { id } });
  if (!o) throw notFound();
  return o;
};

const changeStatus = async (c: Ctx, orderId: string, to: OrderStatus, note?: string) => {
  const before = await orderSummary(c.tx, orderId);
  if (!before) throw notFound();
  const t = transition(before.status, to);
  if (!t.ok) throw conflict(t.message);
  await setOrderStatus(c.tx, c.tenantId, orderId, to, c.actor, note);
  const order = await orderOr404(c.tx, orderId);
  const notified = order.conversationId ? await tellCustomer(c.tx, c.tenantId, order.conversationId, { text: customerNoticeFor(before, to) }, c.pending) : null;
  if (notified) await audit(c.tx, c.tenantId, c.actor, 'order.customer_notified', 'service_order', orderId, { after: { status: to, messageId: notified } });
  return { ok: true as const, status: to, customerNotified: Boolean(notified) };
};

/** A changed quote is a new version for the customer to approve again (CDC art. 40). */
const replaceQuote = async (c: Ctx, orderId: string, body: ReturnType<typeof editQuoteBodySchema.parse>) => {
  const order = await orderOr404(c.tx, orderId);
  if (CLOSED_STATUSES.includes(order.status as OrderStatus)) throw conflict(M.orderClosed);
  const previous = await c.tx.quote.findFirst({ where: { orderId }, orderBy: { version: 'desc' } });
  const tenant = await c.tx.tenant.findUniqueOrThrow({ where: { id: c.tenantId } });
  const version = (previous?.version ?? 0) + 1;
  const lines = body.lines.map((l, i) => ({ ...l, position: i + 1, totalCents: Math.round(l.quantity * l.unitPriceCents) }));
  const totalCents = lines.filter((l) => !l.optional).reduce((s, l) => s + l.totalCents, 0);
  const validUntil = new Date(c.now.getTime() + tenant.quoteValidityDays * 86_400_000);
  await c.tx.quote.updateMany({
    where: { orderId, status: { in: ['draft', 'pending_review', 'sent', 'approved', 'partially_approved'] } },
    data: { status: 'superseded' },
  });
  const quote = await c.tx.quote.create({
    data: {
      tenantId: c.tenantId, orderId, version, status: 'sent', totalCents, validUntil,
      paymentTerms: body.paymentTerms ?? previous?.paymentTerms ?? 'Pix, dinheiro ou cartão na retirada.',
      source: 'staff', contentHash: quoteContentHash({ version, totalCents, validUntil, lines }),
      createdBy: `user:${c.actor.id}`, sentAt: order.conversationId ? c.now : null,
      lines: { create: lines.map((l) => ({ ...l, tenantId: c.tenantId })) },
    },
  });
  await audit(c.tx, c.tenantId, c.actor, 'quote.revised', 'quote', quote.id, {
    before: previous ? { quoteId: previous.id, version: previous.version, totalCents: previous.totalCents, status: previous.status } : undefined,
    after: { version, totalCents, status: 'sent', lines: lines.length },
  });
  if (order.status === 'aberta') await setOrderStatus(c.tx, c.tenantId, orderId, 'orcamento_enviado', c.actor);
  let sent: string | null = null;
  if (order.conversationId) {
    const summary = await orderSummary(c.tx, orderId);
    const qs = await quoteSummary(c.tx, quote.id);
    const offset = tzOffsetMinutes(tenant.timezone, c.now);
    if (summary && qs) {
      sent = await tellCustomer(c.tx, c.tenantId, order.conversationId, { text: customerMessages.quoteText(summary, qs, offset, true), buttons: approvalButtons() }, c.pending);
    }
  }
  return { ok: true as const, quoteId: quote.id, version, totalCents, sentToCustomer: Boolean(sent) };
};

const requestPayment = async (c: Ctx, orderId: string) => {
  const order = await orderOr404(c.tx, orderId);
  if (!order.conversationId) throw conflict(M.noConversation);
  const approved = await c.tx.quote.count({ where: { orderId, status: { in: ['approved', 'partially_approved'] } } });
  if (!approved) throw conflict(M.noApprovedQuote);
  const tenant = await c.tx.tenant.findUniqueOrThrow({ where: { id: c.tenantId }, select: { pixKey: true } });
  if (!tenant.pixKey) throw conflict(M.noPixKey);
  const effect = await c.tx.outboxEffect.create({
    data: {
      tenantId: c.tenantId, conversationId: order.conversationId, idempotencyKey: `admin:${randomUUID()}`, kind: 'request_payment',
      payload: { type: 'request_payment', orderId, customerId: order.customerId } as Prisma.InputJsonValue,
    },
    select: { id: true },
  });
  c.pending.effects.push(effect.id);
  await audit(c.tx, c.tenantId, c.actor, 'payment.charge_requested', 'service_order', orderId, { after: { effectId: effect.id } });
  return { ok: true as const, effectId: effect.id };
};

/** Static Pix tells no one it was paid: the owner confirms, exactly once per order. */
const markPaid = async (c: Ctx, orderId: string, amountCents: number | undefined) => {
  const order = await orderOr404(c.tx, orderId);
  // Serialise concurrent confirmations of the same order.
  await c.tx.$queryRaw`SELECT id FROM service_orders WHERE id = ${orderId}::uuid FOR UPDATE`;
  if (await c.tx.payment.count({ where: { orderId, status: 'paid' } })) throw conflict(M.alreadyPaid);
  const pending = await c.tx.payment.findFirst({ where: { orderId, status: 'pending' }, orderBy: { createdAt: 'desc' } });
  const quote = await c.tx.quote.findFirst({ where: { orderId, status: { in: ['approved', 'partially_approved'] } }, orderBy: { version: 'desc' } });
  const amount = amountCents ?? pending?.amountCents ?? quote?.totalCents;
  if (!amount) throw conflict(M.noAmount);
  const payment = pending
    ? await c.tx.payment.update({ where: { id: pending.id }, data: { status: 'paid', paidAt: c.now, amountCents: amount, confirmedBy: `user:${c.actor.id}` } })
    : await c.tx.payment.create({
        data: {
          tenantId: c.tenantId, orderId, quoteId: quote?.id ?? null, provider: 'pix_static', txid: `MANUAL${order.number}`,
          amountCents: amount, status: 'paid', paidAt: c.now, confirmedBy: `user:${c.actor.id}`,
        },
      });
  await c.tx.serviceOrder.update({ where: { id: orderId }, data: { paidAt: c.now } });
  await audit(c.tx, c.tenantId, c.actor, 'payment.marked_paid', 'payment', payment.id, { after: { orderId, amountCents: amount, provider: payment.provider } });
  return { ok: true as const, paymentId: payment.id, amountCents: amount };
};

const setHandler = async (c: Ctx, orderId: string, human: boolean) => {
  const order = await orderOr404(c.tx, orderId);
  if (!order.conversationId) throw conflict(M.noConversation);
  const before = await c.tx.conversation.findUniqueOrThrow({ where: { id: order.conversationId } });
  const after = human ? { handledBy: 'human', assignedUserId: c.actor.id ?? null } : { handledBy: 'bot', assignedUserId: null };
  await c.tx.conversation.update({ where: { id: before.id }, data: { ...after, handoffUntil: null } });
  await audit(c.tx, c.tenantId, c.actor, human ? 'conversation.taken_over' : 'conversation.handed_back', 'conversation', before.id, {
    before: { handledBy: before.handledBy, assignedUserId: before.assignedUserId }, after,
  });
  if (!human && before.handledBy === 'human') await tellCustomer(c.tx, c.tenantId, before.id, { text: STAFF_TEXTS.botBack }, c.pending);
  return { ok: true as const, handledBy: after.handledBy };
};

export const orderActionRoutes = (deps: ApiDeps) => {
  const now = deps.now ?? (() => new Date());
  /** Runs the change in one tenant transaction, then enqueues its messages and effects. */
  const act = async <T>(tenantId: string, actor: Actor, fn: (c: Ctx) => Promise<T>): Promise<T> => {
    const pending = newPending();
    const out = await deps.tdb.withTenant(tenantId, (tx) => fn({ tx, tenantId, actor, pending, now: now() }), { timeout: 30_000 });
    await flush(deps.queues, tenantId, pending);
    return out;
  };
  const ok = okSchema.passthrough();
  return [
    route({
      method: 'post', path: '/orders/:id/status', tag: 'orders', access: 'staff', summary: 'Muda o status da OS e avisa o cliente',
      params: idParamsSchema, body: changeStatusBodySchema, response: ok,
      handle: ({ auth, actor, params, body }) => act(auth.tenantId, actor, (c) => changeStatus(c, params.id, body.status, body.note)),
    }),
    route({
      method: 'put', path: '/orders/:id/quote', tag: 'orders', access: 'staff', summary: 'Substitui as linhas do orçamento (nova versão) e envia ao cliente',
      params: idParamsSchema, body: editQuoteBodySchema, response: ok,
      handle: ({ auth, actor, params, body }) => act(auth.tenantId, actor, (c) => replaceQuote(c, params.id, body)),
    }),
    route({
      method: 'post', path: '/orders/:id/payment-link', tag: 'orders', access: 'staff', summary: 'Envia cobrança (Pix / link) ao cliente',
      params: idParamsSchema, response: ok,
      handle: ({ auth, actor, params }) => act(auth.tenantId, actor, (c) => requestPayment(c, params.id)),
    }),
    route({
      method: 'post', path: '/orders/:id/mark-paid', tag: 'orders', access: 'staff', summary: 'Confirma pagamento manual (Pix estático), uma única vez',
      params: idParamsSchema, body: markPaidBodySchema, response: ok,
      handle: ({ auth, actor, params, body }) => act(auth.tenantId, actor, (c) => markPaid(c, params.id, body.amountCents)),
    }),
    route({
      method: 'post', path: '/orders/:id/takeover', tag: 'orders', access: 'staff', summary: 'Assume a conversa (o robô fica em silêncio)',
      params: idParamsSchema, response: ok,
      handle: ({ auth, actor, params }) => act(auth.tenantId, actor, (c) => setHandler(c, params.id, true)),
    }),
    route({
      method: 'post', path: '/orders/:id/handback', tag: 'orders', access: 'staff', summary: 'Devolve a conversa ao robô',
      params: idParamsSchema, response: ok,
      handle: ({ auth, actor, params }) => act(auth.tenantId, actor, (c) => setHandler(c, params.id, false)),
    }),
  ];
};
