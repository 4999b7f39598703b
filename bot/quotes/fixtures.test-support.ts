import { quoteContentHash } from './content-hash';
import { nextOrderNumber } from '../pipeline/order-status';
import type { TenantDb } from '../db/tenant-db';

export interface FixtureLine {
  readonly kind: 'part' | 'labour';
  readonly description: string;
  readonly serviceCode?: string;
  readonly sku?: string;
  readonly quantity?: number;
  readonly unitPriceCents: number;
  readonly optional?: boolean;
}

export const DEFAULT_LINES: FixtureLine[] = [
  { kind: 'part', description: 'Óleo 10W30 <1L>', serviceCode: 'oil_change', sku: 'CG160-OLEO', unitPriceCents: 4290 },
  { kind: 'part', description: 'Filtro de óleo', serviceCode: 'oil_change', sku: 'CG160-FILTRO', unitPriceCents: 2590 },
  { kind: 'labour', description: 'Mão de obra troca de óleo', serviceCode: 'oil_change', sku: 'GEN-MO-OLEO', unitPriceCents: 4500 },
  { kind: 'part', description: 'Kit relação', serviceCode: 'chain_kit', sku: 'CG160-KIT', unitPriceCents: 18990, optional: true },
];

/** Adds a new quote version to an order, superseding the pending one, as createQuote does. */
export const addQuoteVersion = async (
  tdb: TenantDb,
  tenantId: string,
  orderId: string,
  o: { lines?: FixtureLine[]; status?: string; validUntil?: Date; decidedAt?: Date } = {},
) =>
  tdb.withTenant(tenantId, async (tx) => {
    const last = await tx.quote.findFirst({ where: { orderId }, orderBy: { version: 'desc' }, select: { version: true } });
    const version = (last?.version ?? 0) + 1;
    const lines = (o.lines ?? DEFAULT_LINES).map((l, i) => {
      const quantity = l.quantity ?? 1;
      return {
        position: i + 1,
        kind: l.kind,
        serviceCode: l.serviceCode ?? null,
        sku: l.sku ?? null,
        description: l.description,
        quantity,
        unitPriceCents: l.unitPriceCents,
        totalCents: Math.round(l.unitPriceCents * quantity),
        optional: l.optional ?? false,
      };
    });
    const totalCents = lines.filter((l) => !l.optional).reduce((s, l) => s + l.totalCents, 0);
    const validUntil = o.validUntil ?? new Date(Date.now() + 10 * 86_400_000);
    await tx.quote.updateMany({ where: { orderId, status: { in: ['draft', 'pending_review', 'sent'] } }, data: { status: 'superseded' } });
    const quote = await tx.quote.create({
      data: {
        tenantId,
        orderId,
        version,
        status: o.status ?? 'sent',
        totalCents,
        validUntil,
        paymentTerms: 'Pix ou cartão em até 3x na retirada.',
        contentHash: quoteContentHash({ version, totalCents, validUntil, lines }),
        sentAt: new Date(),
        decidedAt: o.decidedAt ?? null,
        lines: { create: lines.map((l) => ({ ...l, tenantId, decision: o.status === 'approved' ? 'approved' : 'pending' })) },
      },
    });
    return quote;
  });

/** A customer with a Titan, an order in "orçamento enviado" and (optionally) its first quote. */
export const createOrder = async (
  tdb: TenantDb,
  tenantId: string,
  o: { familyId?: string; withQuote?: boolean; lines?: FixtureLine[]; name?: string } = {},
) => {
  const base = await tdb.withTenant(tenantId, async (tx) => {
    const customer = await tx.customer.create({ data: { tenantId, name: o.name ?? 'Cliente <b>Teste</b>', phoneE164: '+5511999990000' } });
    const vehicle = await tx.vehicle.create({
      data: { tenantId, customerId: customer.id, brand: 'Honda', model: 'CG 160 Titan', familyId: o.familyId ?? 'cg160', year: 2019, plate: 'ABC1D23', km: 32_000 },
    });
    const number = await nextOrderNumber(tx, tenantId);
    const order = await tx.serviceOrder.create({
      data: { tenantId, number, customerId: customer.id, vehicleId: vehicle.id, status: 'orcamento_enviado', services: ['oil_change'] },
    });
    await tx.orderEvent.create({ data: { tenantId, orderId: order.id, toState: 'aberta', actorType: 'customer' } });
    await tx.orderEvent.create({ data: { tenantId, orderId: order.id, fromState: 'aberta', toState: 'orcamento_enviado', actorType: 'system' } });
    return { customerId: customer.id, vehicleId: vehicle.id, orderId: order.id, number };
  });
  const quote = o.withQuote === false ? null : await addQuoteVersion(tdb, tenantId, base.orderId, { lines: o.lines });
  return { ...base, quote };
};

/**
 * Naïve text extraction from an uncompressed pdfkit PDF: pdfkit writes each run as
 * `[<hex> kerning <hex>] TJ` in WinAnsi; joining the hex strings of one run gives its text.
 */
export const pdfText = (pdf: Buffer): string =>
  [...pdf.toString('latin1').matchAll(/\[([^\]]*)\]\s*TJ/g)]
    .map((m) => [...m[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''))
    .join('\n');
