import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, openTestDb, type TestDb } from '../test-support/db';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

describe('tenant data layer (smoke)', () => {
  it('a tenant sees its own customers and not another tenant\'s', async () => {
    const a = await createTestTenant(t.tdb);
    const b = await createTestTenant(t.tdb);
    await t.tdb.withTenant(a.id, (tx) => tx.customer.create({ data: { tenantId: a.id, name: 'Ana' } }));
    await t.tdb.withTenant(b.id, (tx) => tx.customer.create({ data: { tenantId: b.id, name: 'Bruno' } }));
    const seenByA = await t.tdb.withTenant(a.id, (tx) => tx.customer.findMany());
    expect(seenByA.map((c) => c.name)).toEqual(['Ana']);
  });
});
