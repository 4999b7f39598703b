import type { OrderStatus, OrderSummary, QuoteSummary } from '../../flows/types';
import type { Tx } from '../db/tenant-db';

/** Orders in these statuses are finished: a new request opens a new order. */
export const CLOSED_STATUSES: readonly OrderStatus[] = ['entregue', 'recusada', 'cancelada'];

export const quoteSummary = async (tx: Tx, quoteId: string): Promise<QuoteSummary | null> => {
  const q = await tx.quote.findUnique({ where: { id: quoteId }, include: { lines: { orderBy: { position: 'asc' } } } });
  if (!q) return null;
  return {
    id: q.id,
    version: q.version,
    status: q.status,
    totalCents: q.totalCents,
    validUntil: q.validUntil.toISOString(),
    lines: q.lines.map((l) => ({
      number: l.position,
      description: l.description,
      kind: l.kind === 'labour' ? 'labour' : 'part',
      quantity: Number(l.quantity),
      totalCents: l.totalCents,
      optional: l.optional,
      decision: l.decision === 'approved' ? 'approved' : l.decision === 'rejected' ? 'rejected' : 'pending',
    })),
    unpriced: parseUnpriced(q.explanation),
    explanation: customerExplanation(q.explanation),
    needsStaffReview: q.status === 'pending_review',
  };
};

/** The customer-facing part of quotes.explanation: the text before the unpriced marker. */
export const customerExplanation = (explanation: string | null): string | null => {
  const text = (explanation ?? '').split('Sem preço: ')[0]?.trim();
  return text ? text : null;
};

export const parseUnpriced = (explanation: string | null): string[] => {
  if (!explanation) return [];
  const marker = 'Sem preço: ';
  const i = explanation.indexOf(marker);
  return i < 0 ? [] : explanation.slice(i + marker.length).split('; ').filter(Boolean);
};

export const orderSummary = async (tx: Tx, orderId: string): Promise<OrderSummary | null> => {
  const o = await tx.serviceOrder.findUnique({
    where: { id: orderId },
    include: {
      quotes: { orderBy: { version: 'desc' }, take: 1, select: { id: true } },
      payments: { where: { status: 'pending' }, orderBy: { createdAt: 'desc' }, take: 1 },
    },
  });
  if (!o) return null;
  const latest = o.quotes[0];
  const pay = o.payments[0];
  return {
    id: o.id,
    number: o.number,
    status: o.status as OrderStatus,
    complaint: o.complaint,
    scheduledAt: o.scheduledAt?.toISOString() ?? null,
    quote: latest ? await quoteSummary(tx, latest.id) : null,
    paymentPending: pay ? { amountCents: pay.amountCents, pixCode: pay.pixCode, linkUrl: pay.linkUrl } : null,
  };
};
