import type { CatalogueItem } from '../../core/catalogue/types';
import { isServiceCode, type ServiceCode } from '../../core/domain/services';
import { buildQuoteFromCatalogue } from '../../core/quote/build-quote';
import {
  priceWithHistory,
  suggestExtras,
  DEFAULT_HISTORY_OPTIONS,
  type ExtraSuggestion,
  type HistoryPricedQuote,
  type HistoryPricingOptions,
  type HistorySample,
} from '../../core/quote/history-pricing';
import type { Tx } from '../db/tenant-db';

export interface PriceQuoteInput {
  readonly tenantId: string;
  readonly services: readonly ServiceCode[];
  readonly familyId: string | null;
  /** Vehicle mileage, when known (for maintenance suggestions). */
  readonly km: number | null;
  readonly now: Date;
  /** The vehicle, to look at its own service history for suggestions. */
  readonly vehicleId?: string | null;
  readonly vehicleYear?: number | null;
  readonly options?: Partial<HistoryPricingOptions>;
}

export type PricedQuote = HistoryPricedQuote & {
  readonly extras: ExtraSuggestion[];
  /** For quotes.source: 'catalogue' | 'history' | 'mixed'. */
  readonly source: 'catalogue' | 'history' | 'mixed';
};

const DECIDED = ['approved', 'partially_approved'];
const DAY_MS = 86_400_000;

const loadCatalogue = async (tx: Tx, services: readonly ServiceCode[]): Promise<CatalogueItem[]> =>
  (await tx.catalogueItem.findMany({ where: { active: true, serviceCode: { in: [...services] } } })).flatMap((i) =>
    isServiceCode(i.serviceCode)
      ? [{
          sku: i.sku,
          serviceCode: i.serviceCode,
          familyId: i.familyId,
          kind: i.kind === 'labour' ? 'labour' : 'part',
          description: i.description,
          priceCents: i.priceCents,
          quantity: Number(i.quantity),
          labourMinutes: i.labourMinutes,
          active: i.active,
        } satisfies CatalogueItem]
      : [],
  );

/**
 * What the shop actually charged: approved lines of decided quotes (which include
 * every delivered order's quote) for these services on this family, within the window.
 */
export const loadHistorySamples = async (
  tx: Tx,
  o: { services: readonly ServiceCode[]; familyId: string; now: Date; windowDays: number },
): Promise<HistorySample[]> => {
  const since = new Date(o.now.getTime() - o.windowDays * DAY_MS);
  const rows = await tx.quoteLine.findMany({
    where: {
      decision: 'approved',
      optional: false,
      serviceCode: { in: [...o.services] },
      quote: { status: { in: DECIDED }, decidedAt: { gte: since, lte: o.now }, order: { vehicle: { familyId: o.familyId } } },
    },
    select: { serviceCode: true, kind: true, sku: true, unitPriceCents: true, quote: { select: { decidedAt: true } } },
    take: 2000,
    orderBy: { quote: { decidedAt: 'desc' } },
  });
  return rows.flatMap((r) =>
    r.serviceCode && isServiceCode(r.serviceCode) && r.quote.decidedAt
      ? [{
          serviceCode: r.serviceCode,
          familyId: o.familyId,
          kind: r.kind === 'labour' ? ('labour' as const) : ('part' as const),
          sku: r.sku,
          unitPriceCents: r.unitPriceCents,
          at: r.quote.decidedAt,
        }]
      : [],
  );
};

const vehicleServices = async (tx: Tx, vehicleId: string) =>
  (
    await tx.quoteLine.findMany({
      where: { decision: 'approved', quote: { status: { in: DECIDED }, order: { vehicleId } } },
      select: { serviceCode: true, quote: { select: { decidedAt: true } } },
    })
  ).flatMap((r) => (r.serviceCode && isServiceCode(r.serviceCode) && r.quote.decidedAt ? [{ serviceCode: r.serviceCode, at: r.quote.decidedAt }] : []));

/**
 * Prices a quote inside the caller's tenant transaction: catalogue first, the shop's
 * own history where there is enough of it, and maintenance extras as optional lines.
 */
export const priceQuote = async (tx: Tx, input: PriceQuoteInput): Promise<PricedQuote> => {
  const options = { ...DEFAULT_HISTORY_OPTIONS, ...input.options };
  const tenant = await tx.tenant.findUniqueOrThrow({ where: { id: input.tenantId } });
  const history = input.vehicleId ? await vehicleServices(tx, input.vehicleId) : [];
  const extras = suggestExtras({
    requested: input.services,
    vehicle: { km: input.km, year: input.vehicleYear ?? null, services: history },
    now: input.now,
  });
  const services = [...new Set(input.services)];
  const catalogue = await loadCatalogue(tx, [...services, ...extras.map((e) => e.serviceCode)]);
  const base = { familyId: input.familyId, catalogue, labourRateCentsPerHour: tenant.labourRateCents, validityDays: tenant.quoteValidityDays, today: input.now };
  const built = buildQuoteFromCatalogue({ ...base, services });
  const extraLines = extras.length ? buildQuoteFromCatalogue({ ...base, services: extras.map((e) => e.serviceCode) }).lines : [];
  const samples = input.familyId
    ? await loadHistorySamples(tx, { services, familyId: input.familyId, now: input.now, windowDays: options.windowDays })
    : [];
  const priced = priceWithHistory({ built, services, familyId: input.familyId, samples, now: input.now, options, optionalLines: extraLines });
  const fromHistory = priced.lines.filter((l) => l.source === 'history').length;
  const source = fromHistory === 0 ? 'catalogue' : fromHistory === priced.lines.length ? 'history' : 'mixed';
  // Extras without a catalogue price are not offered: a suggestion must come with a price.
  const pricedExtras = extras.filter((e) => priced.optionalLines.some((l) => l.serviceCode === e.serviceCode));
  return { ...priced, extras: pricedExtras, source };
};

/** Rows for quote_lines (positions 1..n; optional extras last, flagged), as createQuote stores them. */
export const quoteLineRows = (priced: HistoryPricedQuote) =>
  [...priced.lines, ...priced.optionalLines].map((l, i) => ({
    position: i + 1,
    kind: l.kind,
    serviceCode: l.serviceCode,
    sku: l.sku,
    description: l.description,
    quantity: l.quantity,
    unitPriceCents: l.unitPriceCents,
    totalCents: l.totalCents,
    optional: l.optional,
  }));
