import { describe, expect, it } from 'vitest';
import { fromCsv, toCsv } from '../../core/catalogue/csv';
import { catalogueItemSchema } from '../../core/catalogue/types';
import { MOTORCYCLE_FAMILIES } from '../../core/domain/motorcycles';
import { SERVICE_CODES } from '../../core/domain/services';
import { buildQuoteFromCatalogue } from '../../core/quote/build-quote';
import { DEMO_CATALOGUE, DEMO_LABOUR_RATE_CENTS_PER_HOUR } from './demo-catalogue';

const REQUIRED_FAMILIES = [
  'cg160', 'cg150', 'biz', 'pop110', 'bros160', 'xre190', 'xre300',
  'cb300f', 'pcx160', 'factor150', 'fz25', 'nmax160', 'lander250',
];

describe('DEMO_CATALOGUE', () => {
  it('is valid against the catalogue schema', () => {
    for (const item of DEMO_CATALOGUE) {
      const result = catalogueItemSchema.safeParse(item);
      expect(result.success, `${item.sku}: ${JSON.stringify(result.error?.issues)}`).toBe(true);
    }
    expect(DEMO_CATALOGUE.length).toBeGreaterThanOrEqual(150);
  });

  it('has unique SKUs', () => {
    const skus = DEMO_CATALOGUE.map((i) => i.sku);
    expect(new Set(skus).size).toBe(skus.length);
  });

  it('has family-specific items for the common families', () => {
    for (const familyId of REQUIRED_FAMILIES) {
      const services = new Set(DEMO_CATALOGUE.filter((i) => i.familyId === familyId).map((i) => i.serviceCode));
      expect(services.size, familyId).toBeGreaterThanOrEqual(9);
    }
  });

  it('has an active generic fallback for every service', () => {
    for (const code of SERVICE_CODES) {
      expect(DEMO_CATALOGUE.some((i) => i.serviceCode === code && i.familyId === null && i.active), code).toBe(true);
    }
  });

  it('can price every service for every family, and for an unknown one', () => {
    const families = [...MOTORCYCLE_FAMILIES.map((f) => f.id), null];
    for (const familyId of families) {
      const quote = buildQuoteFromCatalogue({
        services: [...SERVICE_CODES],
        familyId,
        catalogue: [...DEMO_CATALOGUE],
        labourRateCentsPerHour: DEMO_LABOUR_RATE_CENTS_PER_HOUR,
        validityDays: 10,
        today: new Date('2026-03-10T12:00:00Z'),
      });
      expect(quote.unpriced, String(familyId)).toEqual([]);
      for (const code of SERVICE_CODES) {
        const total = quote.lines.filter((l) => l.serviceCode === code).reduce((s, l) => s + l.totalCents, 0);
        expect(total, `${familyId}/${code}`).toBeGreaterThan(0);
      }
    }
  });

  it('quotes a CG 160 oil change at a realistic street price', () => {
    const quote = buildQuoteFromCatalogue({
      services: ['oil_change'],
      familyId: 'cg160',
      catalogue: [...DEMO_CATALOGUE],
      labourRateCentsPerHour: DEMO_LABOUR_RATE_CENTS_PER_HOUR,
      validityDays: 10,
      today: new Date('2026-03-10T12:00:00Z'),
    });
    expect(quote.totalCents).toBeGreaterThanOrEqual(8_000);
    expect(quote.totalCents).toBeLessThanOrEqual(15_000);
    expect(quote.confidence).toBe(1);
  });

  it('survives a CSV round trip', () => {
    const result = fromCsv(toCsv(DEMO_CATALOGUE));
    expect(result).toEqual({ ok: true, items: DEMO_CATALOGUE });
  });
});
