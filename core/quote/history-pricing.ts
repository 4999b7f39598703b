import { findFamily } from '../domain/motorcycles';
import type { ServiceCode } from '../domain/services';
import type { BuiltQuote, QuoteLine, UnpricedService } from './types';

/**
 * Pricing from the shop's own history: what it actually charged (approved quote
 * lines, delivered orders) for the same service on the same motorcycle family.
 * The catalogue stays the fallback; history only wins when there is enough of it.
 */
export interface HistorySample {
  readonly serviceCode: ServiceCode;
  readonly familyId: string | null;
  readonly kind: 'part' | 'labour';
  /** Parts are matched by SKU when the sample has one (a service may have several parts). */
  readonly sku?: string | null;
  readonly unitPriceCents: number;
  readonly labourMinutes?: number | null;
  readonly at: Date;
}

export interface HistoryPricingOptions {
  readonly minSamples: number;
  readonly windowDays: number;
  /** A sample's weight halves every this many days. */
  readonly halfLifeDays: number;
  /** Below this overall confidence the quote goes to staff review. */
  readonly reviewBelow: number;
}

export const DEFAULT_HISTORY_OPTIONS: HistoryPricingOptions = { minSamples: 5, windowDays: 180, halfLifeDays: 60, reviewBelow: 0.6 };

export type PricedLineSource = 'history' | 'catalogue_family' | 'catalogue_generic';

export type PricedLine = Omit<QuoteLine, 'source'> & {
  readonly source: PricedLineSource;
  /** History samples behind the price (0 for catalogue prices). */
  readonly sampleCount: number;
  readonly optional: boolean;
  /** Weighted median labour time from history, when known. */
  readonly labourMinutes?: number;
};

export interface HistoryPricedQuote {
  readonly lines: PricedLine[];
  /** Suggested extras: shown to the customer, never in the total unless approved. */
  readonly optionalLines: PricedLine[];
  readonly totalCents: number;
  readonly validUntil: Date;
  readonly confidence: number;
  readonly unpriced: UnpricedService[];
  readonly needsStaffReview: boolean;
}

const DAY_MS = 86_400_000;

/** unit × quantity (at most 3 decimals), rounded half-up to centavos (same as build-quote). */
export const partCents = (unitPriceCents: number, quantity: number): number => {
  const milli = Math.round(quantity * 1000);
  return Math.floor((2 * unitPriceCents * milli + 1000) / 2000);
};

/**
 * The value where the cumulative weight reaches half: robust to one odd price
 * (a friend's discount, a typo) while recent prices count more than old ones.
 */
export const weightedMedian = (values: readonly { value: number; weight: number }[]): number | null => {
  const sorted = values.filter((v) => v.weight > 0).sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, v) => s + v.weight, 0);
  if (sorted.length === 0 || total <= 0) return null;
  let acc = 0;
  for (const v of sorted) {
    acc += v.weight;
    if (acc >= total / 2 - 1e-12) return v.value;
  }
  return sorted[sorted.length - 1]!.value;
};

const recencyWeight = (at: Date, now: Date, halfLifeDays: number): number =>
  Math.pow(0.5, Math.max(0, now.getTime() - at.getTime()) / DAY_MS / halfLifeDays);

interface HistoryPrice {
  readonly unitPriceCents: number;
  readonly labourMinutes?: number;
  readonly count: number;
}

const historyPrice = (samples: readonly HistorySample[], now: Date, o: HistoryPricingOptions): HistoryPrice | null => {
  const since = now.getTime() - o.windowDays * DAY_MS;
  const recent = samples.filter((s) => s.at.getTime() >= since && s.at.getTime() <= now.getTime() + DAY_MS);
  if (recent.length < o.minSamples) return null;
  const weighted = recent.map((s) => ({ s, weight: recencyWeight(s.at, now, o.halfLifeDays) }));
  const price = weightedMedian(weighted.map(({ s, weight }) => ({ value: s.unitPriceCents, weight })));
  if (price === null) return null;
  const minutes = weightedMedian(
    weighted.flatMap(({ s, weight }) => (s.labourMinutes != null ? [{ value: s.labourMinutes, weight }] : [])),
  );
  return { unitPriceCents: Math.round(price), ...(minutes !== null ? { labourMinutes: Math.round(minutes) } : {}), count: recent.length };
};

const samplesFor = (samples: readonly HistorySample[], line: QuoteLine, familyId: string | null): HistorySample[] =>
  samples.filter(
    (s) =>
      s.serviceCode === line.serviceCode &&
      s.familyId === familyId &&
      s.kind === line.kind &&
      (line.kind === 'labour' || s.sku == null || s.sku === line.sku),
  );

const SCORE = { history: 1, family: 1, genericKnownFamily: 0.7, genericUnknownFamily: 0.5 } as const;

const serviceScore = (lines: readonly PricedLine[], familyKnown: boolean): number => {
  if (lines.length === 0) return 0;
  if (lines.every((l) => l.source === 'history')) return SCORE.history;
  if (lines.some((l) => l.source === 'history' || l.source === 'catalogue_family')) return SCORE.family;
  return familyKnown ? SCORE.genericKnownFamily : SCORE.genericUnknownFamily;
};

const toPriced = (line: QuoteLine, optional: boolean): PricedLine => ({ ...line, sampleCount: 0, optional });

/**
 * Re-prices catalogue-built lines with the shop's history where there is enough
 * of it (≥ minSamples within windowDays for the same service, family and kind).
 * Diagnosis and unknown families stay on the catalogue: history of "some moto"
 * says little about this one.
 */
export const priceWithHistory = (input: {
  readonly built: BuiltQuote;
  readonly services: readonly ServiceCode[];
  readonly familyId: string | null;
  readonly samples: readonly HistorySample[];
  readonly now: Date;
  readonly options?: Partial<HistoryPricingOptions>;
  readonly optionalLines?: readonly QuoteLine[];
}): HistoryPricedQuote => {
  const o = { ...DEFAULT_HISTORY_OPTIONS, ...input.options };
  const familyKnown = input.familyId !== null && findFamily(input.familyId) !== undefined;
  const lines = input.built.lines.map((line): PricedLine => {
    if (!familyKnown || line.serviceCode === 'diagnosis') return toPriced(line, false);
    const h = historyPrice(samplesFor(input.samples, line, input.familyId), input.now, o);
    if (!h) return toPriced(line, false);
    const totalCents = line.kind === 'labour' ? h.unitPriceCents : partCents(h.unitPriceCents, line.quantity);
    return {
      ...line,
      ...(line.kind === 'labour' ? { quantity: 1 } : {}),
      unitPriceCents: h.unitPriceCents,
      totalCents,
      source: 'history',
      sampleCount: h.count,
      optional: false,
      ...(h.labourMinutes !== undefined && line.kind === 'labour' ? { labourMinutes: h.labourMinutes } : {}),
    };
  });
  const services = [...new Set(input.services)];
  const scores = services.map((code) => serviceScore(lines.filter((l) => l.serviceCode === code), familyKnown));
  const confidence = services.length === 0 ? 0 : Math.round((scores.reduce((s, v) => s + v, 0) / services.length) * 100) / 100;
  const requested = new Set(services);
  const optionalLines = (input.optionalLines ?? []).filter((l) => !requested.has(l.serviceCode)).map((l) => toPriced(l, true));
  return {
    lines,
    optionalLines,
    totalCents: lines.reduce((s, l) => s + l.totalCents, 0),
    validUntil: input.built.validUntil,
    confidence,
    unpriced: input.built.unpriced,
    needsStaffReview: input.built.needsStaffReview || input.built.unpriced.length > 0 || confidence < o.reviewBelow,
  };
};

/** What the shop knows about the vehicle, for maintenance reminders. */
export interface VehicleHistory {
  readonly km: number | null;
  readonly year?: number | null;
  /** Past services on this vehicle; km when the shop recorded it. */
  readonly services: readonly { readonly serviceCode: ServiceCode; readonly at: Date; readonly km?: number | null }[];
}

export interface ExtraSuggestion {
  readonly serviceCode: ServiceCode;
  /** pt-BR question for the customer. */
  readonly message: string;
}

export const EXTRA_RULES = { chainKmSinceLast: 20_000, chainKmWithoutHistory: 25_000, brakeFluidDays: 730 } as const;

const thousands = (km: number): string => `${Math.floor(km / 1000)} mil km`;

export const EXTRA_MESSAGES = {
  chainSince: (km: number) => `A relação já rodou ${thousands(km)} desde a última troca, quer incluir?`,
  chainTotal: (km: number) => `A relação está com ${thousands(km)}, quer incluir?`,
  brakeFluid: 'O fluido de freio deve ser trocado a cada 2 anos, quer incluir?',
} as const;

const lastOf = (h: VehicleHistory, code: ServiceCode) =>
  [...h.services].filter((s) => s.serviceCode === code).sort((a, b) => b.at.getTime() - a.at.getTime())[0];

/**
 * Maintenance the customer did not ask for but probably needs. Only ever offered
 * as optional lines; the customer decides.
 */
export const suggestExtras = (input: {
  readonly requested: readonly ServiceCode[];
  readonly vehicle: VehicleHistory;
  readonly now: Date;
}): ExtraSuggestion[] => {
  const { vehicle, now } = input;
  const asked = new Set(input.requested);
  const out: ExtraSuggestion[] = [];
  if (!asked.has('chain_kit') && vehicle.km !== null) {
    const last = lastOf(vehicle, 'chain_kit');
    if (last?.km != null && vehicle.km - last.km >= EXTRA_RULES.chainKmSinceLast) {
      out.push({ serviceCode: 'chain_kit', message: EXTRA_MESSAGES.chainSince(vehicle.km - last.km) });
    } else if (!last && vehicle.km >= EXTRA_RULES.chainKmWithoutHistory) {
      out.push({ serviceCode: 'chain_kit', message: EXTRA_MESSAGES.chainTotal(vehicle.km) });
    }
  }
  if (!asked.has('brake_fluid')) {
    const last = lastOf(vehicle, 'brake_fluid');
    const ageDays = (d: Date) => (now.getTime() - d.getTime()) / DAY_MS;
    const oldVehicle = vehicle.year != null && now.getUTCFullYear() - vehicle.year >= 2;
    if ((last && ageDays(last.at) >= EXTRA_RULES.brakeFluidDays) || (!last && oldVehicle)) {
      out.push({ serviceCode: 'brake_fluid', message: EXTRA_MESSAGES.brakeFluid });
    }
  }
  return out;
};
