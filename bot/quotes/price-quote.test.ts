import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, openTestDb, type TestDb } from '../test-support/db';
import { addQuoteVersion, createOrder } from './fixtures.test-support';
import { priceQuote, quoteLineRows } from './price-quote';

const NOW = new Date();
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

describe('priceQuote', () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(async () => t?.close());

  const shopWithCatalogue = async () => {
    const tenant = await createTestTenant(t.tdb, { labourRateCents: 9000 });
    await t.tdb.withTenant(tenant.id, (tx) =>
      tx.catalogueItem.createMany({
        data: [
          { tenantId: tenant.id, sku: 'CG160-OLEO', serviceCode: 'oil_change', familyId: 'cg160', kind: 'part', description: 'Óleo 10W30 1L', priceCents: 4000 },
          { tenantId: tenant.id, sku: 'GEN-MO-OLEO', serviceCode: 'oil_change', familyId: null, kind: 'labour', description: 'Mão de obra troca de óleo', priceCents: 0, labourMinutes: 30 },
          { tenantId: tenant.id, sku: 'GEN-KIT', serviceCode: 'chain_kit', familyId: null, kind: 'part', description: 'Kit relação', priceCents: 20000 },
        ],
      }),
    );
    return tenant.id;
  };

  /** An order whose quote the customer approved: one oil line at the given price. */
  const approvedOilJob = async (tenantId: string, cents: number, decidedAt: Date) => {
    const o = await createOrder(t.tdb, tenantId, { withQuote: false });
    await addQuoteVersion(t.tdb, tenantId, o.orderId, {
      status: 'approved',
      decidedAt,
      lines: [{ kind: 'part', description: 'Óleo 10W30 1L', serviceCode: 'oil_change', sku: 'CG160-OLEO', unitPriceCents: cents }],
    });
  };

  it('prices from the catalogue without history, and from the shop history once there is enough of it', async () => {
    const tenantId = await shopWithCatalogue();
    const price = () => t.tdb.withTenant(tenantId, (tx) => priceQuote(tx, { tenantId, services: ['oil_change'], familyId: 'cg160', km: 12_000, now: NOW }));

    const before = await price();
    expect(before.source).toBe('catalogue');
    expect(before.lines.map((l) => [l.sku, l.source, l.totalCents])).toEqual([
      ['CG160-OLEO', 'catalogue_family', 4000],
      ['GEN-MO-OLEO', 'catalogue_generic', 4500],
    ]);

    for (let i = 0; i < 4; i++) await approvedOilJob(tenantId, 4800, daysAgo(i + 1));
    await approvedOilJob(tenantId, 9999, daysAgo(400)); // outside the window
    expect((await price()).lines[0]).toMatchObject({ source: 'catalogue_family', totalCents: 4000 });

    await approvedOilJob(tenantId, 4900, daysAgo(2));
    const after = await price();
    expect(after.source).toBe('mixed');
    expect(after.lines[0]).toMatchObject({ source: 'history', unitPriceCents: 4800, sampleCount: 5 });
    expect(after.totalCents).toBe(4800 + 4500);
    expect(after.needsStaffReview).toBe(false);
  });

  it('offers the chain kit as an optional line at 25 mil km, outside the total', async () => {
    const tenantId = await shopWithCatalogue();
    const priced = await t.tdb.withTenant(tenantId, (tx) =>
      priceQuote(tx, { tenantId, services: ['oil_change'], familyId: 'cg160', km: 25_300, now: NOW }),
    );
    expect(priced.extras).toEqual([{ serviceCode: 'chain_kit', message: 'A relação está com 25 mil km, quer incluir?' }]);
    expect(priced.optionalLines).toEqual([expect.objectContaining({ sku: 'GEN-KIT', optional: true, totalCents: 20000 })]);
    expect(priced.totalCents).toBe(8500);
    const rows = quoteLineRows(priced);
    expect(rows.map((r) => [r.position, r.sku, r.optional])).toEqual([[1, 'CG160-OLEO', false], [2, 'GEN-MO-OLEO', false], [3, 'GEN-KIT', true]]);
  });
});
