import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, openTestDb, type TestDb } from '../test-support/db';
import { purgeExpiredTokens } from './purge';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

const HOUR = 3_600_000;

describe('auth token purge', () => {
  it('deletes only revoked and refresh tokens past their expiry, in every tenant', async () => {
    const seeded = [];
    for (const tenant of [await createTestTenant(t.tdb), await createTestTenant(t.tdb)]) {
      seeded.push(
        await t.tdb.withTenant(tenant.id, async (tx) => {
          const user = await tx.user.create({ data: { tenantId: tenant.id, email: `u-${randomUUID()}@teste.local`, name: 'U', passwordHash: 'x' } });
          const refresh = (expiresAt: Date) =>
            tx.refreshToken.create({ data: { tenantId: tenant.id, userId: user.id, familyId: randomUUID(), tokenHash: randomUUID(), expiresAt } });
          const revoked = (expiresAt: Date) => tx.revokedToken.create({ data: { jti: randomUUID(), tenantId: tenant.id, expiresAt } });
          return {
            tenantId: tenant.id,
            gone: [(await refresh(new Date(Date.now() - HOUR))).id, (await revoked(new Date(Date.now() - HOUR))).jti],
            kept: [(await refresh(new Date(Date.now() + HOUR))).id, (await revoked(new Date(Date.now() + HOUR))).jti],
          };
        }),
      );
    }
    // Other test files' workers purge the same database when they start, so the counts
    // returned are not ours to assert; the rows are.
    await purgeExpiredTokens(t.db);
    for (const s of seeded) {
      await t.tdb.withTenant(s.tenantId, async (tx) => {
        expect(await tx.refreshToken.findMany({ where: { id: { in: [s.gone[0]!, s.kept[0]!] } }, select: { id: true } })).toEqual([{ id: s.kept[0] }]);
        expect(await tx.revokedToken.findMany({ where: { jti: { in: [s.gone[1]!, s.kept[1]!] } }, select: { jti: true } })).toEqual([{ jti: s.kept[1] }]);
      });
    }
  });
});
