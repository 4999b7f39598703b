import { describe, expect, it } from 'vitest';
import type { CatalogueItem } from '../catalogue/types';
import type { ServiceCode } from '../domain/services';
import { buildQuoteFromCatalogue, type BuildQuoteInput } from './build-quote';
import { builtQuoteSchema } from './types';

const part = (sku: string, serviceCode: ServiceCode, familyId: string | null, priceCents: number, quantity = 1): CatalogueItem => ({
  sku, serviceCode, familyId, kind: 'part', description: `Peça ${sku}`, priceCents, quantity, labourMinutes: 0, active: true,
});
const labour = (sku: string, serviceCode: ServiceCode, familyId: string | null, labourMinutes: number): CatalogueItem => ({
  sku, serviceCode, familyId, kind: 'labour', description: `Mão de obra ${sku}`, priceCents: 0, quantity: 1, labourMinutes, active: true,
});

const CATALOGUE: CatalogueItem[] = [
  part('GEN-OLEO', 'oil_change', null, 4490),
  part('GEN-FILTRO', 'oil_change', null, 3490),
  labour('GEN-MO-OLEO', 'oil_change', null, 30),
  part('CG160-OLEO', 'oil_change', 'cg160', 4290, 1),
  part('CG160-FILTRO', 'oil_change', 'cg160', 2590),
  part('NMAX-OLEO', 'oil_change', 'nmax160', 4990, 0.9),
  part('GEN-PAST', 'brake_pads_front', null, 5490),
  labour('GEN-MO-PAST', 'brake_pads_front', null, 30),
  labour('CG160-MO-PAST', 'brake_pads_front', 'cg160', 25),
  part('GEN-VELA', 'spark_plug', null, 3990),
  labour('GEN-MO-VELA', 'spark_plug', null, 15),
  part('GEN-DIAG-SCANNER', 'diagnosis', null, 9990),
  labour('GEN-MO-DIAG', 'diagnosis', null, 45),
  { ...part('CG160-VELA-OLD', 'spark_plug', 'cg160', 1), active: false },
];

const TODAY = new Date('2026-03-10T13:00:00.000Z');

const build = (over: Partial<BuildQuoteInput> = {}) =>
  buildQuoteFromCatalogue({
    services: ['oil_change'],
    familyId: 'cg160',
    catalogue: CATALOGUE,
    labourRateCentsPerHour: 9_000,
    validityDays: 10,
    today: TODAY,
    ...over,
  });

describe('buildQuoteFromCatalogue', () => {
  it('prices an oil change for a Titan 2019 (cg160) at R$ 90/h with family parts and labour', () => {
    const quote = build();
    expect(quote.lines).toEqual([
      { serviceCode: 'oil_change', kind: 'part', description: 'Peça CG160-OLEO', quantity: 1, unitPriceCents: 4290, totalCents: 4290, sku: 'CG160-OLEO', source: 'catalogue_family' },
      { serviceCode: 'oil_change', kind: 'part', description: 'Peça CG160-FILTRO', quantity: 1, unitPriceCents: 2590, totalCents: 2590, sku: 'CG160-FILTRO', source: 'catalogue_family' },
      { serviceCode: 'oil_change', kind: 'labour', description: 'Mão de obra GEN-MO-OLEO', quantity: 1, unitPriceCents: 4500, totalCents: 4500, sku: 'GEN-MO-OLEO', source: 'catalogue_generic' },
    ]);
    expect(quote.totalCents).toBe(4290 + 2590 + 4500);
    expect(quote.confidence).toBe(1);
    expect(quote.unpriced).toEqual([]);
    expect(quote.needsStaffReview).toBe(false);
    expect(quote.validUntil).toEqual(new Date('2026-03-20T13:00:00.000Z'));
    expect(builtQuoteSchema.safeParse(quote).success).toBe(true);
  });

  it('prefers family labour over generic labour, one labour line per service', () => {
    const quote = build({ services: ['brake_pads_front'] });
    expect(quote.lines.map((l) => [l.sku, l.source, l.totalCents])).toEqual([
      ['GEN-PAST', 'catalogue_generic', 5490],
      ['CG160-MO-PAST', 'catalogue_family', 3750],
    ]);
  });

  it('uses generic items with lower confidence when the family is unknown', () => {
    const known = build({ services: ['oil_change', 'spark_plug'] });
    const knownWithoutFamilyItems = build({ familyId: 'shineray50' });
    const unknown = build({ familyId: null });
    const notAFamily = build({ familyId: 'moto-do-vizinho' });

    expect(unknown.lines.map((l) => l.sku)).toEqual(['GEN-OLEO', 'GEN-FILTRO', 'GEN-MO-OLEO']);
    expect(unknown.lines.every((l) => l.source === 'catalogue_generic')).toBe(true);
    expect(unknown.totalCents).toBe(4490 + 3490 + 4500);
    expect(notAFamily.lines).toEqual(unknown.lines);

    expect(knownWithoutFamilyItems.confidence).toBe(0.7);
    expect(unknown.confidence).toBe(0.5);
    expect(notAFamily.confidence).toBe(0.5);
    expect(unknown.confidence).toBeLessThan(knownWithoutFamilyItems.confidence);
    // oil change family-specific (1) + spark plug generic (0.7), averaged.
    expect(known.confidence).toBe(0.85);
  });

  it('reports a service with no catalogue items as unpriced and never invents a price', () => {
    const quote = build({ services: ['oil_change', 'electrical'] });
    expect(quote.unpriced).toEqual([{ serviceCode: 'electrical', reason: expect.stringContaining('oficina vai informar') }]);
    expect(quote.lines.some((l) => l.serviceCode === 'electrical')).toBe(false);
    expect(quote.totalCents).toBe(build().totalCents);
    expect(quote.needsStaffReview).toBe(true);
    expect(quote.confidence).toBe(0.5);
  });

  it('ignores inactive items: a service with only inactive items is unpriced', () => {
    const onlyInactive = [{ ...labour('GEN-MO-ELET', 'electrical', null, 60), active: false }];
    const quote = build({ services: ['electrical'], catalogue: onlyInactive });
    expect(quote.lines).toEqual([]);
    expect(quote.unpriced.map((u) => u.serviceCode)).toEqual(['electrical']);
    expect(quote.confidence).toBe(0);
    expect(build({ services: ['spark_plug'] }).lines.map((l) => l.sku)).toEqual(['GEN-VELA', 'GEN-MO-VELA']);
  });

  it('prices diagnosis as labour only and asks for staff review', () => {
    const quote = build({ services: ['diagnosis'] });
    expect(quote.lines).toEqual([
      expect.objectContaining({ kind: 'labour', sku: 'GEN-MO-DIAG', totalCents: 6750 }),
    ]);
    expect(quote.needsStaffReview).toBe(true);
    const withoutLabour = build({ services: ['diagnosis'], catalogue: [part('X', 'diagnosis', null, 5000)] });
    expect(withoutLabour.lines).toEqual([]);
    expect(withoutLabour.unpriced).toEqual([{ serviceCode: 'diagnosis', reason: expect.stringContaining('Diagnóstico') }]);
  });

  it('rounds labour half-up to centavos', () => {
    const labourTotal = (minutes: number, rate: number) =>
      build({ services: ['electrical'], labourRateCentsPerHour: rate, catalogue: [labour('L', 'electrical', null, minutes)] }).totalCents;
    expect(labourTotal(1, 9_030)).toBe(151); // 150,5
    expect(labourTotal(7, 9_990)).toBe(1_166); // 1165,5
    expect(labourTotal(25, 8_990)).toBe(3_746); // 3745,83
    expect(labourTotal(20, 8_990)).toBe(2_997); // 2996,67
    expect(labourTotal(10, 8_990)).toBe(1_498); // 1498,33
    const quote = build({ services: ['spark_plug'], labourRateCentsPerHour: 9_030, catalogue: [labour('L', 'spark_plug', null, 1)] });
    expect(quote.lines[0]).toMatchObject({ quantity: 1, unitPriceCents: 151, totalCents: 151 });
  });

  it('rounds fractional part quantities half-up and keeps totals in integer centavos', () => {
    const partTotal = (priceCents: number, quantity: number) =>
      build({ familyId: null, catalogue: [part('P', 'oil_change', null, priceCents, quantity)] }).totalCents;
    expect(partTotal(4_990, 0.9)).toBe(4_491);
    expect(partTotal(1, 0.5)).toBe(1);
    expect(partTotal(3, 0.125)).toBe(0); // 0,375
    expect(partTotal(5_490, 1.5)).toBe(8_235);
    expect(partTotal(3_333, 0.333)).toBe(1_110); // 1109,889
    const quote = build({ familyId: 'nmax160', labourRateCentsPerHour: 8_990 });
    expect(quote.lines.map((l) => l.totalCents)).toEqual([4_491, 4_495]);
    expect(quote.totalCents).toBe(8_986);
    for (const l of quote.lines) expect(Number.isInteger(l.totalCents)).toBe(true);
  });

  it('removes repeated services, keeping the first order', () => {
    const once = build({ services: ['spark_plug', 'oil_change'] });
    const repeated = build({ services: ['spark_plug', 'oil_change', 'spark_plug', 'oil_change'] });
    expect(repeated).toEqual(once);
    expect(repeated.lines.map((l) => l.serviceCode)).toEqual(['spark_plug', 'spark_plug', 'oil_change', 'oil_change', 'oil_change']);
  });

  it('keeps the sum of line totals equal to the total across many services', () => {
    const quote = build({ services: ['oil_change', 'brake_pads_front', 'spark_plug', 'diagnosis', 'clutch'], labourRateCentsPerHour: 8_725 });
    expect(quote.lines.reduce((s, l) => s + l.totalCents, 0)).toBe(quote.totalCents);
    expect(builtQuoteSchema.safeParse(quote).success).toBe(true);
  });

  it('counts validity in calendar days across month ends', () => {
    expect(build({ today: new Date('2026-01-25T12:00:00Z') }).validUntil).toEqual(new Date('2026-02-04T12:00:00Z'));
    expect(build({ today: new Date('2026-02-20T00:30:00Z'), validityDays: 10 }).validUntil).toEqual(new Date('2026-03-02T00:30:00Z'));
  });

  it('returns an empty quote for review when no service is asked', () => {
    const quote = build({ services: [] });
    expect(quote).toMatchObject({ lines: [], totalCents: 0, confidence: 0, unpriced: [], needsStaffReview: true });
  });

  it('throws on a programming error in the input', () => {
    expect(() => build({ labourRateCentsPerHour: 90.5 })).toThrow(RangeError);
    expect(() => build({ validityDays: -1 })).toThrow(RangeError);
    expect(() => build({ today: new Date('nope') })).toThrow(RangeError);
  });
});
