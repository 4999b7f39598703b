import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../catalogue/types';
import { buildQuoteFromCatalogue } from './build-quote';
import { priceWithHistory, suggestExtras, weightedMedian, type HistorySample } from './history-pricing';

const NOW = new Date('2026-06-01T12:00:00Z');
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

const catalogue: CatalogueItem[] = [
  { sku: 'CG160-OLEO', serviceCode: 'oil_change', familyId: 'cg160', kind: 'part', description: 'Óleo 10W30 1L', priceCents: 4000, quantity: 1, labourMinutes: 0, active: true },
  { sku: 'GEN-MO-OLEO', serviceCode: 'oil_change', familyId: null, kind: 'labour', description: 'Mão de obra troca de óleo', priceCents: 0, quantity: 1, labourMinutes: 30, active: true },
  { sku: 'GEN-KIT', serviceCode: 'chain_kit', familyId: null, kind: 'part', description: 'Kit relação', priceCents: 20000, quantity: 1, labourMinutes: 0, active: true },
];
const build = (services: ('oil_change' | 'chain_kit')[] = ['oil_change'], familyId: string | null = 'cg160') =>
  buildQuoteFromCatalogue({ services, familyId, catalogue, labourRateCentsPerHour: 9000, validityDays: 10, today: NOW });

const oilSamples = (n: number, cents: number, age = 10): HistorySample[] =>
  Array.from({ length: n }, (_, i) => ({ serviceCode: 'oil_change', familyId: 'cg160', kind: 'part', sku: 'CG160-OLEO', unitPriceCents: cents, at: daysAgo(age + i) }));

describe('priceWithHistory', () => {
  it('uses the history median when there are enough recent samples for the service and family', () => {
    const priced = priceWithHistory({ built: build(), services: ['oil_change'], familyId: 'cg160', samples: oilSamples(5, 4800), now: NOW });
    const oil = priced.lines.find((l) => l.sku === 'CG160-OLEO');
    expect(oil).toMatchObject({ source: 'history', unitPriceCents: 4800, totalCents: 4800, sampleCount: 5 });
    expect(priced.lines.find((l) => l.kind === 'labour')).toMatchObject({ source: 'catalogue_generic', totalCents: 4500, sampleCount: 0 });
    expect(priced.totalCents).toBe(4800 + 4500);
    expect(priced.confidence).toBe(1);
    expect(priced.needsStaffReview).toBe(false);
  });

  it('keeps the catalogue price with too few samples, samples outside the window, or another family', () => {
    const few = priceWithHistory({ built: build(), services: ['oil_change'], familyId: 'cg160', samples: oilSamples(4, 4800), now: NOW });
    const old = priceWithHistory({ built: build(), services: ['oil_change'], familyId: 'cg160', samples: oilSamples(5, 4800, 200), now: NOW });
    const other = priceWithHistory({
      built: build(), services: ['oil_change'], familyId: 'cg160',
      samples: oilSamples(5, 4800).map((s) => ({ ...s, familyId: 'biz125' })), now: NOW,
    });
    for (const p of [few, old, other]) {
      expect(p.lines.find((l) => l.sku === 'CG160-OLEO')).toMatchObject({ source: 'catalogue_family', unitPriceCents: 4000 });
      expect(p.totalCents).toBe(4000 + 4500);
    }
  });

  it('weights recent prices more: a price raise two months ago beats older prices', () => {
    const samples = [...oilSamples(2, 5000, 5), ...oilSamples(3, 4000, 150)];
    const priced = priceWithHistory({ built: build(), services: ['oil_change'], familyId: 'cg160', samples, now: NOW });
    expect(priced.lines[0]).toMatchObject({ source: 'history', unitPriceCents: 5000 });
    // Unweighted, the 3 old samples would win the median.
    expect(weightedMedian([5000, 5000, 4000, 4000, 4000].map((value) => ({ value, weight: 1 })))).toBe(4000);
  });

  it('prices labour from history and reports the median labour time', () => {
    const labour: HistorySample[] = Array.from({ length: 6 }, (_, i) => ({
      serviceCode: 'oil_change', familyId: 'cg160', kind: 'labour', unitPriceCents: 3000 + i * 10, labourMinutes: 20, at: daysAgo(i),
    }));
    const priced = priceWithHistory({ built: build(), services: ['oil_change'], familyId: 'cg160', samples: labour, now: NOW });
    expect(priced.lines.find((l) => l.kind === 'labour')).toMatchObject({ source: 'history', totalCents: 3020, labourMinutes: 20, sampleCount: 6 });
  });

  it('asks staff to review low-confidence quotes (unknown family, generic prices)', () => {
    const priced = priceWithHistory({ built: build(['oil_change'], null), services: ['oil_change'], familyId: null, samples: oilSamples(9, 4800), now: NOW });
    expect(priced.lines.every((l) => l.source !== 'history')).toBe(true);
    expect(priced.confidence).toBe(0.5);
    expect(priced.needsStaffReview).toBe(true);
  });

  it('lists extras as optional lines that never enter the total', () => {
    const extra = build(['chain_kit']).lines;
    const priced = priceWithHistory({ built: build(), services: ['oil_change'], familyId: 'cg160', samples: [], now: NOW, optionalLines: extra });
    expect(priced.optionalLines).toEqual([expect.objectContaining({ serviceCode: 'chain_kit', optional: true, totalCents: 20000 })]);
    expect(priced.totalCents).toBe(8500);
    expect(priced.lines.every((l) => !l.optional)).toBe(true);
  });
});

describe('suggestExtras', () => {
  it('suggests the chain kit at 25 mil km without chain history, or 20 mil km since the last one', () => {
    expect(suggestExtras({ requested: ['oil_change'], vehicle: { km: 25_400, services: [] }, now: NOW })).toEqual([
      { serviceCode: 'chain_kit', message: 'A relação está com 25 mil km, quer incluir?' },
    ]);
    expect(suggestExtras({ requested: ['oil_change'], vehicle: { km: 24_000, services: [] }, now: NOW })).toEqual([]);
    const since = suggestExtras({
      requested: ['oil_change'], now: NOW,
      vehicle: { km: 41_000, services: [{ serviceCode: 'chain_kit', at: daysAgo(400), km: 20_000 }] },
    });
    expect(since.map((s) => s.serviceCode)).toEqual(['chain_kit']);
    expect(suggestExtras({
      requested: ['oil_change'], now: NOW,
      vehicle: { km: 35_000, services: [{ serviceCode: 'chain_kit', at: daysAgo(100), km: 30_000 }] },
    })).toEqual([]);
    expect(suggestExtras({ requested: ['chain_kit'], vehicle: { km: 60_000, services: [] }, now: NOW })).toEqual([]);
  });

  it('suggests brake fluid every two years', () => {
    const old = suggestExtras({ requested: [], now: NOW, vehicle: { km: null, services: [{ serviceCode: 'brake_fluid', at: daysAgo(800) }] } });
    expect(old.map((s) => s.serviceCode)).toEqual(['brake_fluid']);
    expect(suggestExtras({ requested: [], now: NOW, vehicle: { km: null, services: [{ serviceCode: 'brake_fluid', at: daysAgo(300) }] } })).toEqual([]);
    expect(suggestExtras({ requested: [], now: NOW, vehicle: { km: null, year: 2020, services: [] } }).map((s) => s.serviceCode)).toEqual(['brake_fluid']);
  });
});
