import { SERVICE_LABELS, type ServiceCode } from '../../core/domain/services';
import { quoteContentHash } from '../quotes/content-hash';
import { priceQuote, quoteLineRows } from '../quotes/price-quote';
import { recordQuoteDecision } from '../quotes/decide-quote';
import type { DbEffect, FlowEvent } from '../../flows/types';
import type { Tx } from '../db/tenant-db';
import { audit } from './audit';
import { nextOrderNumber, setOrderStatus } from './order-status';
import { orderSummary, quoteSummary } from './summaries';

export interface EffectEnv {
  readonly tenantId: string;
  readonly customerId: string;
  readonly conversationId: string;
  readonly channel: string;
  readonly now: Date;
  readonly handoffMinutes: number;
  /** A short pt-BR explanation of the work for the customer, from the complaint (model-written), or null. */
  readonly explainQuote?: (complaint: string, services: readonly ServiceCode[]) => Promise<string | null>;
  /** Signed customer-portal link for an order of this tenant, when the portal is on. */
  readonly portalLink?: (orderId: string) => string;
}

const customerActor = (env: EffectEnv) => ({ type: 'customer' as const, id: env.customerId });

export { quoteContentHash };

const saveVehicle = async (tx: Tx, env: EffectEnv, v: Extract<DbEffect, { type: 'save_vehicle' }>['vehicle']) => {
  const existing = await tx.vehicle.findFirst({
    where: {
      customerId: env.customerId,
      OR: [...(v.plate ? [{ plate: v.plate }] : []), ...(v.familyId ? [{ familyId: v.familyId }] : [])],
    },
    orderBy: { updatedAt: 'desc' },
  });
  const data = {
    ...(v.brand ? { brand: v.brand } : {}),
    ...(v.model ? { model: v.model } : {}),
    ...(v.familyId ? { familyId: v.familyId } : {}),
    ...(v.year ? { year: v.year } : {}),
    ...(v.plate ? { plate: v.plate } : {}),
    ...(v.km ? { km: v.km } : {}),
  };
  if (existing && (v.familyId || v.plate)) {
    return tx.vehicle.update({ where: { id: existing.id }, data });
  }
  return tx.vehicle.create({ data: { tenantId: env.tenantId, customerId: env.customerId, ...data } });
};

const createQuote = async (tx: Tx, env: EffectEnv, e: Extract<DbEffect, { type: 'create_quote' }>): Promise<FlowEvent | null> => {
  const orderRow = await tx.serviceOrder.findUniqueOrThrow({ where: { id: e.orderId }, include: { vehicle: true } });
  // Catalogue prices, replaced by the shop's own recent prices where it has enough history;
  // maintenance suggestions come as optional lines, never in the total.
  const built = await priceQuote(tx, {
    tenantId: env.tenantId,
    services: [...e.services],
    familyId: e.familyId,
    km: orderRow.vehicle?.km ?? null,
    vehicleId: orderRow.vehicleId,
    vehicleYear: orderRow.vehicle?.year ?? null,
    now: env.now,
  });
  const last = await tx.quote.findFirst({ where: { orderId: e.orderId }, orderBy: { version: 'desc' }, select: { version: true } });
  const version = (last?.version ?? 0) + 1;
  const lines = quoteLineRows(built);
  const needsReview = built.needsStaffReview || built.lines.length === 0;
  const unpriced = built.unpriced.map((u) => `${SERVICE_LABELS[u.serviceCode]} (${u.reason})`);
  const explanation =
    env.explainQuote && orderRow.complaint ? await env.explainQuote(orderRow.complaint, e.services).catch(() => null) : null;
  await tx.quote.updateMany({ where: { orderId: e.orderId, status: { in: ['draft', 'pending_review', 'sent'] } }, data: { status: 'superseded' } });
  const quote = await tx.quote.create({
    data: {
      tenantId: env.tenantId,
      orderId: e.orderId,
      version,
      status: needsReview ? 'pending_review' : 'sent',
      totalCents: built.totalCents,
      validUntil: built.validUntil,
      paymentTerms: 'Pix, dinheiro ou cartão na retirada.',
      confidence: built.confidence,
      source: built.source,
      explanation: [explanation, unpriced.length ? `Sem preço: ${unpriced.join('; ')}` : null].filter(Boolean).join('\n') || null,
      contentHash: quoteContentHash({ version, totalCents: built.totalCents, validUntil: built.validUntil, lines }),
      createdBy: 'bot',
      sentAt: needsReview ? null : env.now,
      lines: { create: lines.map((l) => ({ ...l, tenantId: env.tenantId })) },
    },
  });
  await audit(tx, env.tenantId, { type: 'system' }, 'quote.created', 'quote', quote.id, {
    after: { version, totalCents: built.totalCents, status: quote.status, confidence: built.confidence },
  });
  if (!needsReview) await setOrderStatus(tx, env.tenantId, e.orderId, 'orcamento_enviado', { type: 'system' });
  const order = await orderSummary(tx, e.orderId);
  const summary = await quoteSummary(tx, quote.id);
  return order && summary ? { type: 'quote_created', order: { ...order, portalUrl: env.portalLink?.(e.orderId) ?? null }, quote: summary } : null;
};

const decideQuote = async (tx: Tx, env: EffectEnv, e: Extract<DbEffect, { type: 'decide_quote' }>): Promise<FlowEvent | null> => {
  const r = await recordQuoteDecision(tx, {
    tenantId: env.tenantId,
    quoteId: e.quoteId,
    decision: e.decision,
    lineNumbers: e.lineNumbers,
    actor: customerActor(env),
    evidence: { channel: env.channel, messageId: e.messageId },
    now: env.now,
  });
  if (!r.ok) return { type: 'effect_failed', effect: e.type, code: r.code };
  const updated = await orderSummary(tx, r.orderId);
  const summary = await quoteSummary(tx, r.quoteId);
  return updated && summary ? { type: 'quote_decided', order: updated, quote: summary, decision: e.decision } : null;
};

/**
 * Applies one database effect inside the turn's transaction, returning the event that
 * tells the flow its outcome (or null when there is nothing to tell).
 */
export const applyDbEffect = async (tx: Tx, env: EffectEnv, e: DbEffect): Promise<FlowEvent | null> => {
  switch (e.type) {
    case 'save_customer':
      if (e.name) await tx.customer.update({ where: { id: env.customerId }, data: { name: e.name.slice(0, 120) } });
      return null;
    case 'save_vehicle':
      await saveVehicle(tx, env, e.vehicle);
      return null;
    case 'open_order': {
      const vehicle = e.vehicle.familyId || e.vehicle.plate ? await saveVehicle(tx, env, e.vehicle) : null;
      const number = await nextOrderNumber(tx, env.tenantId);
      const order = await tx.serviceOrder.create({
        data: {
          tenantId: env.tenantId,
          number,
          customerId: env.customerId,
          vehicleId: vehicle?.id ?? null,
          conversationId: env.conversationId,
          complaint: e.complaint.slice(0, 2000),
          services: [...e.services],
        },
      });
      await tx.orderEvent.create({ data: { tenantId: env.tenantId, orderId: order.id, toState: 'aberta', actorType: 'customer', actorId: env.customerId } });
      await audit(tx, env.tenantId, customerActor(env), 'order.opened', 'service_order', order.id, { after: { number, services: e.services } });
      const summary = await orderSummary(tx, order.id);
      return summary ? { type: 'order_opened', order: summary } : null;
    }
    case 'create_quote':
      return createQuote(tx, env, e);
    case 'decide_quote':
      return decideQuote(tx, env, e);
    case 'schedule_dropoff': {
      if (e.orderId) {
        await tx.serviceOrder.update({ where: { id: e.orderId }, data: { scheduledAt: new Date(e.at) } });
        await audit(tx, env.tenantId, customerActor(env), 'order.scheduled', 'service_order', e.orderId, { after: { scheduledAt: e.at } });
      }
      return null;
    }
    case 'cancel_order':
      await setOrderStatus(tx, env.tenantId, e.orderId, 'cancelada', customerActor(env), 'cancelada pelo cliente');
      return null;
    case 'handoff':
      await tx.conversation.update({
        where: { id: env.conversationId },
        data: { handledBy: 'human', handoffUntil: new Date(env.now.getTime() + env.handoffMinutes * 60_000) },
      });
      await audit(tx, env.tenantId, customerActor(env), 'conversation.handoff_requested', 'conversation', env.conversationId, { after: { reason: e.reason } });
      return null;
    case 'opt_out':
      await tx.customer.update({ where: { id: env.customerId }, data: { marketingConsent: false, optedOutAt: env.now } });
      await tx.consentRecord.create({
        data: {
          tenantId: env.tenantId,
          customerId: env.customerId,
          purpose: 'marketing',
          granted: false,
          channel: env.channel,
          sourceMessageId: e.messageId,
          evidence: e.evidence.slice(0, 500),
          at: env.now,
        },
      });
      await audit(tx, env.tenantId, customerActor(env), 'consent.revoked', 'customer', env.customerId, { after: { purpose: 'marketing' } });
      return null;
  }
};
