import type { OrderStatus, OrderSummary, QuoteSummary } from '../../flows/types';
import type { Tx } from '../db/tenant-db';
import { ORDER_STATUSES, ORDER_TRANSITIONS } from '../../core/domain/order-status';

/** Orders in these statuses are finished (no move out of them): a new request opens a new order. */
export const CLOSED_STATUSES: readonly OrderStatus[] = ORDER_STATUSES.filter((s) => ORDER_TRANSITIONS[s].length === 0);

/**
 * Order and quote summaries (what flows, staff commands and the admin show) are read in
 * one statement each: the row and its children as JSON, built by PostgreSQL. The same
 * fragments feed the conversation turn's context (turn-sql.ts), so the shapes agree.
 */

/** A quote row `qt` as JSON, lines in order. */
export const QUOTE_JSON = `jsonb_build_object('id', qt.id, 'version', qt.version, 'status', qt.status, 'totalCents', qt.total_cents,
  'validUntil', qt.valid_until, 'explanation', qt.explanation,
  'lines', (SELECT coalesce(jsonb_agg(jsonb_build_object('number', l.position, 'description', l.description, 'kind', l.kind,
              'quantity', l.quantity, 'totalCents', l.total_cents, 'optional', l.optional, 'decision', l.decision)
              ORDER BY l.position), '[]'::jsonb)
            FROM quote_lines l WHERE l.quote_id = qt.id))`;

/** An order row `o` as JSON, with its latest quote version and its newest pending payment. */
export const ORDER_JSON = `jsonb_build_object('id', o.id, 'number', o.number, 'status', o.status, 'complaint', o.complaint, 'scheduledAt', o.scheduled_at,
  'quote', (SELECT ${QUOTE_JSON} FROM quotes qt WHERE qt.order_id = o.id ORDER BY qt.version DESC LIMIT 1),
  'payment', (SELECT jsonb_build_object('amountCents', p.amount_cents, 'pixCode', p.pix_code, 'linkUrl', p.link_url)
              FROM payments p WHERE p.order_id = o.id AND p.status = 'pending' ORDER BY p.created_at DESC LIMIT 1))`;

export interface RawQuote {
  id: string;
  version: number;
  status: string;
  totalCents: number;
  validUntil: string;
  explanation: string | null;
  lines: { number: number; description: string; kind: string; quantity: number | string; totalCents: number; optional: boolean; decision: string | null }[];
}

export interface RawOrder {
  id: string;
  number: number;
  status: string;
  complaint: string | null;
  scheduledAt: string | null;
  quote: RawQuote | null;
  payment: { amountCents: number; pixCode: string | null; linkUrl: string | null } | null;
}

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

export const toQuoteSummary = (r: RawQuote): QuoteSummary => ({
  id: r.id,
  version: r.version,
  status: r.status,
  totalCents: r.totalCents,
  validUntil: new Date(r.validUntil).toISOString(),
  lines: r.lines.map((l) => ({
    number: l.number,
    description: l.description,
    kind: l.kind === 'labour' ? 'labour' : 'part',
    quantity: Number(l.quantity),
    totalCents: l.totalCents,
    optional: l.optional,
    decision: l.decision === 'approved' ? 'approved' : l.decision === 'rejected' ? 'rejected' : 'pending',
  })),
  unpriced: parseUnpriced(r.explanation),
  explanation: customerExplanation(r.explanation),
  needsStaffReview: r.status === 'pending_review',
});

export const toOrderSummary = (r: RawOrder): OrderSummary => ({
  id: r.id,
  number: r.number,
  status: r.status as OrderStatus,
  complaint: r.complaint,
  scheduledAt: r.scheduledAt ? new Date(r.scheduledAt).toISOString() : null,
  quote: r.quote ? toQuoteSummary(r.quote) : null,
  paymentPending: r.payment,
});

export const quoteSummary = async (tx: Tx, quoteId: string): Promise<QuoteSummary | null> => {
  const [row] = await tx.$queryRawUnsafe<{ q: RawQuote }[]>(`SELECT ${QUOTE_JSON} AS q FROM quotes qt WHERE qt.id = $1::uuid`, quoteId);
  return row ? toQuoteSummary(row.q) : null;
};

export const orderSummary = async (tx: Tx, orderId: string): Promise<OrderSummary | null> => {
  const [row] = await tx.$queryRawUnsafe<{ o: RawOrder }[]>(`SELECT ${ORDER_JSON} AS o FROM service_orders o WHERE o.id = $1::uuid`, orderId);
  return row ? toOrderSummary(row.o) : null;
};
