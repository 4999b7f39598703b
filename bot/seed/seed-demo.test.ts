import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CATALOGUE } from '../../prisma/seed/demo-catalogue';
import { createPasswordHasher } from '../security/password';
import { openTestDb, type TestDb } from '../test-support/db';
import { seedDemo } from './seed-demo';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

const hasher = createPasswordHasher({ concurrency: 2, N: 2 ** 10 });
const uniqueSlug = () => `demo-${randomUUID().slice(0, 8)}`;

describe('seedDemo', () => {
  it('creates one demo tenant however many times it runs', async () => {
    const slug = uniqueSlug();
    const first = await seedDemo(t.tdb, { hasher, slug });
    expect(first).not.toBeNull();
    expect(await seedDemo(t.tdb, { hasher, slug })).toBeNull();
    const found = await t.tdb.lookup.tenantBySlug(slug);
    expect(found?.tenantId).toBe(first!.tenantId);
  });

  it('concurrent runs still create exactly one tenant', async () => {
    const slug = uniqueSlug();
    const results = await Promise.all([seedDemo(t.tdb, { hasher, slug }), seedDemo(t.tdb, { hasher, slug })]);
    expect(results.filter((r) => r !== null)).toHaveLength(1);
  });

  it('seeds a usable shop: owner login, channel, catalogue, orders in every status, audit row', async () => {
    const slug = uniqueSlug();
    const logs: string[] = [];
    const r = (await seedDemo(t.tdb, { hasher, slug, log: (m) => logs.push(m) }))!;
    expect(r.slug).toBe(slug);
    expect(r.ownerEmail).toBe(`dono@${slug}.local`);
    expect(logs.join('\n')).toContain(slug);

    const login = await t.tdb.lookup.login(r.ownerEmail);
    expect(login?.tenantId).toBe(r.tenantId);
    const channel = await t.tdb.lookup.channelAccount('webchat', slug);
    expect(channel?.tenantId).toBe(r.tenantId);

    const data = await t.tdb.withTenant(r.tenantId, async (tx) => ({
      tenant: await tx.tenant.findUniqueOrThrow({ where: { id: r.tenantId } }),
      owner: await tx.user.findUniqueOrThrow({ where: { email: r.ownerEmail } }),
      users: await tx.user.count(),
      catalogue: await tx.catalogueItem.count(),
      orders: await tx.serviceOrder.findMany({ orderBy: { number: 'asc' } }),
      quotes: await tx.quote.findMany({ include: { lines: true } }),
      counter: await tx.tenantCounter.findFirst(),
      audit: await tx.auditLog.findMany(),
    }));
    expect(data.tenant).toMatchObject({
      name: 'Moto Center Demo', city: 'São Paulo', state: 'SP', plan: 'pro', labourRateCents: 9000,
      pixKey: 'pix@motocenterdemo.com.br', timezone: 'America/Sao_Paulo', quoteValidityDays: 10,
    });
    expect(data.tenant.openingHours).toMatchObject({ mon: [['08:00', '18:00']], sat: [['08:00', '12:00']], sun: [] });
    expect(data.owner.role).toBe('owner');
    expect(await hasher.verify(r.ownerPassword, data.owner.passwordHash)).toBe(true);
    expect(data.users).toBe(2);
    expect(data.catalogue).toBe(DEMO_CATALOGUE.length);
    expect(data.orders.map((o) => o.status)).toEqual(['aberta', 'orcamento_enviado', 'aprovada', 'em_execucao', 'pronta', 'entregue']);
    expect(data.counter?.value).toBe(data.orders.length);
    expect(data.quotes).toHaveLength(5);
    for (const q of data.quotes) {
      expect(q.lines.length).toBeGreaterThan(0);
      expect(q.totalCents).toBe(q.lines.reduce((s, l) => s + l.totalCents, 0));
    }
    expect(data.audit.map((a) => a.action)).toEqual(['tenant.created']);
  });
});
