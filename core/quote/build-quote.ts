import type { CatalogueItem, CatalogueKind } from '../catalogue/types';
import { findFamily } from '../domain/motorcycles';
import type { ServiceCode } from '../domain/services';
import type { BuiltQuote, QuoteLine, QuoteLineSource, UnpricedService } from './types';

export interface BuildQuoteInput {
  readonly services: readonly ServiceCode[];
  /** Family id from MOTORCYCLE_FAMILIES; null when the model is not known. */
  readonly familyId: string | null;
  readonly catalogue: readonly CatalogueItem[];
  readonly labourRateCentsPerHour: number;
  /** CDC art. 40: 10 days unless the shop states otherwise. */
  readonly validityDays: number;
  readonly today: Date;
}

const MESSAGES = {
  noItems: 'Serviço sem preço no catálogo para esta moto; a oficina vai informar o valor.',
  diagnosisNoLabour: 'Diagnóstico sem mão de obra cadastrada no catálogo; a oficina vai informar o valor.',
} as const;

/**
 * How much a service's price can be trusted: priced with items for this
 * family, with the shop's generic items, or not at all. Generic prices are
 * less trustworthy still when we don't even know the model.
 */
const SCORE = {
  family: 1,
  genericKnownFamily: 0.7,
  genericUnknownFamily: 0.5,
  unpriced: 0,
} as const;

/** minutes / 60 × rate, rounded half-up to centavos, in integer arithmetic. */
const labourCents = (minutes: number, ratePerHourCents: number): number =>
  Math.floor((2 * minutes * ratePerHourCents + 60) / 120);

/** unit × quantity (at most 3 decimals), rounded half-up to centavos. */
const partCents = (unitPriceCents: number, quantity: number): number => {
  const milli = Math.round(quantity * 1000);
  return Math.floor((2 * unitPriceCents * milli + 1000) / 2000);
};

const addCalendarDays = (date: Date, days: number): Date => {
  const result = new Date(date.getTime());
  // UTC keeps the arithmetic independent of the server's time zone.
  result.setUTCDate(result.getUTCDate() + days);
  return result;
};

/**
 * Family items win over generic ones, decided separately for parts and for
 * labour: a shop can list the CG 160 filter and still rely on its generic
 * "troca de óleo" labour time.
 */
const pick = (
  items: readonly CatalogueItem[],
  familyId: string | null,
  kind: CatalogueKind,
): { items: CatalogueItem[]; source: QuoteLineSource } => {
  const ofKind = items.filter((i) => i.kind === kind);
  const family = familyId === null ? [] : ofKind.filter((i) => i.familyId === familyId);
  if (family.length > 0) return { items: family, source: 'catalogue_family' };
  return { items: ofKind.filter((i) => i.familyId === null), source: 'catalogue_generic' };
};

const linesForService = (
  serviceCode: ServiceCode,
  items: readonly CatalogueItem[],
  familyId: string | null,
  rate: number,
): QuoteLine[] => {
  // A diagnosis is time spent looking; parts come later in a new quote.
  const parts = serviceCode === 'diagnosis' ? { items: [], source: 'catalogue_generic' as const } : pick(items, familyId, 'part');
  const lines: QuoteLine[] = parts.items.map((item) => ({
    serviceCode,
    kind: 'part',
    description: item.description,
    quantity: item.quantity,
    unitPriceCents: item.priceCents,
    totalCents: partCents(item.priceCents, item.quantity),
    sku: item.sku,
    source: parts.source,
  }));
  const labour = pick(items, familyId, 'labour');
  if (labour.items.length > 0) {
    const minutes = labour.items.reduce((sum, i) => sum + i.labourMinutes, 0);
    const cents = labourCents(minutes, rate);
    lines.push({
      serviceCode,
      kind: 'labour',
      description: labour.items.map((i) => i.description).join(' + '),
      quantity: 1,
      unitPriceCents: cents,
      totalCents: cents,
      sku: labour.items.map((i) => i.sku).join('+'),
      source: labour.source,
    });
  }
  return lines;
};

const assertInput = (input: BuildQuoteInput): void => {
  const { labourRateCentsPerHour: rate, validityDays, today } = input;
  if (!Number.isSafeInteger(rate) || rate < 0) throw new RangeError(`invalid labour rate: ${rate}`);
  if (!Number.isSafeInteger(validityDays) || validityDays < 0) {
    throw new RangeError(`invalid validity days: ${validityDays}`);
  }
  if (Number.isNaN(today.getTime())) throw new RangeError('invalid today date');
};

/**
 * Prices the requested services from the shop's catalogue. Never invents a
 * price: a service with nothing in the catalogue is listed in `unpriced` and
 * the quote goes to staff review.
 */
export const buildQuoteFromCatalogue = (input: BuildQuoteInput): BuiltQuote => {
  assertInput(input);
  const { familyId, labourRateCentsPerHour } = input;
  const services = [...new Set(input.services)];
  const active = input.catalogue.filter((i) => i.active);
  const familyKnown = familyId !== null && findFamily(familyId) !== undefined;
  const genericScore = familyKnown ? SCORE.genericKnownFamily : SCORE.genericUnknownFamily;

  const lines: QuoteLine[] = [];
  const unpriced: UnpricedService[] = [];
  let score = 0;
  for (const serviceCode of services) {
    const items = active.filter((i) => i.serviceCode === serviceCode);
    const serviceLines = linesForService(serviceCode, items, familyId, labourRateCentsPerHour);
    if (serviceLines.length === 0) {
      const reason = serviceCode === 'diagnosis' ? MESSAGES.diagnosisNoLabour : MESSAGES.noItems;
      unpriced.push({ serviceCode, reason });
      score += SCORE.unpriced;
      continue;
    }
    lines.push(...serviceLines);
    score += serviceLines.some((l) => l.source === 'catalogue_family') ? SCORE.family : genericScore;
  }

  const totalCents = lines.reduce((sum, l) => sum + l.totalCents, 0);
  return {
    lines,
    totalCents,
    validUntil: addCalendarDays(input.today, input.validityDays),
    confidence: services.length === 0 ? 0 : Math.round((score / services.length) * 100) / 100,
    unpriced,
    needsStaffReview: services.length === 0 || unpriced.length > 0 || services.includes('diagnosis'),
  };
};
