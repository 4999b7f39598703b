import { formatBRL } from '../../core/domain/money';
import type { Tx } from '../db/tenant-db';

/** Everything the written quote (CDC art. 40) shows, already shaped for display. */
export interface QuoteDocumentLine {
  readonly number: number;
  readonly kind: 'part' | 'labour';
  readonly description: string;
  readonly quantity: number;
  readonly unitPriceCents: number;
  readonly totalCents: number;
  readonly optional: boolean;
  readonly decision: 'pending' | 'approved' | 'rejected';
}

export interface QuoteDocument {
  readonly shop: { name: string; legalName: string | null; document: string | null; phone: string | null; email: string | null; address: string | null; city: string; state: string };
  readonly customer: { name: string | null; phone: string | null };
  readonly vehicle: { description: string | null; plate: string | null; km: number | null } | null;
  readonly order: { id: string; number: number; status: string; complaint: string | null };
  readonly quote: {
    id: string;
    version: number;
    status: string;
    issuedAt: Date;
    validUntil: Date;
    estimatedCompletion: Date | null;
    paymentTerms: string | null;
    totalCents: number;
    contentHash: string;
    lines: QuoteDocumentLine[];
    optionalLines: QuoteDocumentLine[];
  };
  readonly approvals: { decision: string; channel: string; at: Date; version: number; contentHash: string; actorType: string }[];
}

const vehicleDescription = (v: { brand: string | null; model: string | null; year: number | null }): string | null => {
  const parts = [v.brand, v.model, v.year?.toString()].filter((p): p is string => !!p);
  return parts.length ? parts.join(' ') : null;
};

/**
 * Loads the quote document for an order (its latest quote, or the given one) inside
 * the caller's tenant transaction. Null when the order or quote does not exist.
 */
export const loadQuoteDocument = async (tx: Tx, orderId: string, quoteId?: string): Promise<QuoteDocument | null> => {
  const order = await tx.serviceOrder.findUnique({ where: { id: orderId }, include: { tenant: true, customer: true, vehicle: true } });
  if (!order) return null;
  const quote = await tx.quote.findFirst({
    where: { orderId, ...(quoteId ? { id: quoteId } : {}) },
    orderBy: { version: 'desc' },
    include: { lines: { orderBy: { position: 'asc' } }, approvals: { orderBy: { at: 'asc' } } },
  });
  if (!quote) return null;
  const t = order.tenant;
  const lines = quote.lines.map(
    (l): QuoteDocumentLine => ({
      number: l.position,
      kind: l.kind === 'labour' ? 'labour' : 'part',
      description: l.description,
      quantity: Number(l.quantity),
      unitPriceCents: l.unitPriceCents,
      totalCents: l.totalCents,
      optional: l.optional,
      decision: l.decision === 'approved' ? 'approved' : l.decision === 'rejected' ? 'rejected' : 'pending',
    }),
  );
  return {
    shop: { name: t.name, legalName: t.legalName, document: t.document, phone: t.phone, email: t.email, address: t.address, city: t.city, state: t.state },
    customer: { name: order.customer.name, phone: order.customer.phoneE164 },
    vehicle: order.vehicle
      ? { description: vehicleDescription(order.vehicle), plate: order.vehicle.plate, km: order.vehicle.km }
      : null,
    order: { id: order.id, number: order.number, status: order.status, complaint: order.complaint },
    quote: {
      id: quote.id,
      version: quote.version,
      status: quote.status,
      issuedAt: quote.sentAt ?? quote.createdAt,
      validUntil: quote.validUntil,
      estimatedCompletion: quote.estimatedCompletion,
      paymentTerms: quote.paymentTerms,
      totalCents: quote.totalCents,
      contentHash: quote.contentHash,
      lines: lines.filter((l) => !l.optional),
      optionalLines: lines.filter((l) => l.optional),
    },
    approvals: quote.approvals.map((a) => ({
      decision: a.decision,
      channel: a.channel,
      at: a.at,
      version: a.version,
      contentHash: a.contentHash,
      actorType: a.actorType,
    })),
  };
};

/** Brazilian display helpers shared by the page and the PDF. */
export const brl = (cents: number): string => formatBRL({ cents });

export const brDate = (d: Date, timeZone = 'America/Sao_Paulo'): string =>
  new Intl.DateTimeFormat('pt-BR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric' }).format(d);

export const brDateTime = (d: Date, timeZone = 'America/Sao_Paulo'): string =>
  new Intl.DateTimeFormat('pt-BR', { timeZone, day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(d);

export const brQuantity = (q: number): string => new Intl.NumberFormat('pt-BR', { maximumFractionDigits: 3 }).format(q);
