import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import type { SeedDemoResult } from '../seed/seed-demo';
import { apiApp, cheapHasher, seedApiShop, startApiPlatform } from './test-harness';
import { loginAs } from '../test-support/login';
import { allApiRoutes } from './routes';
import { createBulkhead } from '../http/bulkhead';
import { silentLogger } from '../test-support/platform';



let p: Platform;
beforeAll(async () => {
  p = await startApiPlatform();
});
afterAll(async () => p?.close());

interface Session {
  shop: SeedDemoResult;
  owner: { authorization: string };
  staff: { authorization: string };
}

const open = async (): Promise<Session & { app: ReturnType<typeof apiApp> }> => {
  const app = apiApp(p);
  const shop = await seedApiShop(p);
  const [o, s] = await Promise.all([loginAs(app, shop.ownerEmail, shop.ownerPassword), loginAs(app, shop.staffEmail, shop.staffPassword)]);
  return { app, shop, owner: { authorization: `Bearer ${o.accessToken}` }, staff: { authorization: `Bearer ${s.accessToken}` } };
};

/** Gives order #n a web chat conversation, so changes reach the customer. */
const withConversation = (shop: SeedDemoResult, number: number) =>
  p.tdb.withTenant(shop.tenantId, async (tx) => {
    const order = await tx.serviceOrder.findUniqueOrThrow({ where: { tenantId_number: { tenantId: shop.tenantId, number } } });
    const account = await tx.channelAccount.findFirstOrThrow({ where: { kind: 'webchat' } });
    const conv = await tx.conversation.create({
      data: { tenantId: shop.tenantId, customerId: order.customerId, channelAccountId: account.id, channel: 'webchat', replyTo: randomUUID() },
    });
    await tx.message.create({ data: { tenantId: shop.tenantId, conversationId: conv.id, channelAccountId: account.id, direction: 'in', text: 'oi, minha moto ta pronta?' } });
    await tx.serviceOrder.update({ where: { id: order.id }, data: { conversationId: conv.id } });
    return { orderId: order.id, conversationId: conv.id, customerId: order.customerId, channelAccountId: account.id };
  });

const idsOf = (shop: SeedDemoResult) =>
  p.tdb.withTenant(shop.tenantId, async (tx) => {
    const order = await tx.serviceOrder.findFirstOrThrow({ where: { number: 1 } });
    const item = await tx.catalogueItem.findFirstOrThrow();
    const channel = await tx.channelAccount.findFirstOrThrow();
    const user = await tx.user.findFirstOrThrow({ where: { role: 'staff' } });
    const conv = await tx.conversation.create({ data: { tenantId: shop.tenantId, customerId: order.customerId, channelAccountId: channel.id, channel: 'webchat', replyTo: randomUUID() } });
    const msg = await tx.message.create({ data: { tenantId: shop.tenantId, conversationId: conv.id, channelAccountId: channel.id, direction: 'out', text: 'x', status: 'dead' } });
    const dl = await tx.deadLetter.create({ data: { tenantId: shop.tenantId, queue: 'send', jobId: msg.id, payload: { tenantId: shop.tenantId, messageId: msg.id }, error: 'HTTP 500' } });
    return { order: order.id, customer: order.customerId, catalogue: item.id, channel: channel.id, staff: user.id, failure: dl.id, messageId: msg.id };
  });

type Ids = Awaited<ReturnType<typeof idsOf>>;
const ITEM = { sku: 'OLEO-TESTE', serviceCode: 'oil_change', familyId: null, kind: 'part', description: 'Óleo teste', priceCents: 3500, quantity: 1, labourMinutes: 0, active: true };

/** Every route taking an id, with a body that passes validation. */
const ID_ROUTES: { method: 'get' | 'post' | 'put' | 'patch' | 'delete'; path: string; id: keyof Ids; body?: object }[] = [
  { method: 'get', path: '/orders/:id', id: 'order' },
  { method: 'post', path: '/orders/:id/status', id: 'order', body: { status: 'cancelada' } },
  { method: 'put', path: '/orders/:id/quote', id: 'order', body: { lines: [{ kind: 'part', description: 'Peça', quantity: 1, unitPriceCents: 100 }] } },
  { method: 'post', path: '/orders/:id/payment-link', id: 'order' },
  { method: 'post', path: '/orders/:id/mark-paid', id: 'order', body: { amountCents: 100 } },
  { method: 'post', path: '/orders/:id/takeover', id: 'order' },
  { method: 'post', path: '/orders/:id/handback', id: 'order' },
  { method: 'get', path: '/customers/:id', id: 'customer' },
  { method: 'get', path: '/customers/:id/export', id: 'customer' },
  { method: 'post', path: '/customers/:id/anonymise', id: 'customer' },
  { method: 'put', path: '/catalogue/:id', id: 'catalogue', body: ITEM },
  { method: 'delete', path: '/catalogue/:id', id: 'catalogue' },
  { method: 'put', path: '/channels/:id', id: 'channel', body: { kind: 'telegram', externalId: String(Date.now()).slice(-9) } },
  { method: 'get', path: '/channels/:id/pairing', id: 'channel' },
  { method: 'patch', path: '/staff/:id', id: 'staff', body: { blocked: true } },
  { method: 'post', path: '/staff/:id/link-code', id: 'staff' },
  { method: 'post', path: '/failures/:id/retry', id: 'failure' },
];

describe('tenant scoping', () => {
  it("answers 404 for another shop's id on every route that takes one, and changes nothing there", async () => {
    const a = await open();
    const b = await seedApiShop(p);
    const theirs = await idsOf(b);
    const declared = allApiRoutes({ tdb: p.tdb, queues: p.queues, secrets: p.secrets, logger: silentLogger, auth: { jwtSecret: 'x'.repeat(32) }, hasher: cheapHasher })
      .filter((r) => r.path.includes(':id'))
      .map((r) => `${r.method} ${r.path}`)
      .sort();
    expect(ID_ROUTES.map((r) => `${r.method} ${r.path}`).sort()).toEqual(declared);
    for (const r of ID_ROUTES) {
      const res = await request(a.app)[r.method](`/api${r.path.replace(':id', theirs[r.id])}`).set(a.owner).send(r.body ?? {});
      expect({ route: `${r.method} ${r.path}`, status: res.status, code: res.body.code }).toEqual({ route: `${r.method} ${r.path}`, status: 404, code: 'NOT_FOUND' });
    }
    const untouched = await p.tdb.withTenant(b.tenantId, async (tx) => ({
      order: (await tx.serviceOrder.findUniqueOrThrow({ where: { id: theirs.order } })).status,
      customer: (await tx.customer.findUniqueOrThrow({ where: { id: theirs.customer } })).anonymisedAt,
      item: await tx.catalogueItem.count({ where: { id: theirs.catalogue } }),
      staff: (await tx.user.findUniqueOrThrow({ where: { id: theirs.staff } })).blockedAt,
      audit: await tx.auditLog.count({ where: { actorType: 'user' } }),
    }));
    expect(untouched).toEqual({ order: 'aberta', customer: null, item: 1, staff: null, audit: 0 });
    // Malformed ids are simply not found either.
    expect((await request(a.app).get('/api/orders/123').set(a.owner)).status).toBe(404);
  });
});

describe('roles and plans', () => {
  it('staff cannot reach owner-only endpoints', async () => {
    const s = await open();
    const ids = await idsOf(s.shop);
    const ownerOnly: [string, string, object?][] = [
      ['get', '/api/settings'], ['patch', '/api/settings', { labourRateCents: 1 }], ['put', '/api/settings/plan', { plan: 'premium' }],
      ['get', '/api/staff'], ['post', '/api/staff', { name: 'Zé', email: 'ze@x.com' }], ['patch', `/api/staff/${ids.staff}`, { blocked: true }],
      ['get', '/api/channels'], ['post', '/api/catalogue', ITEM], ['delete', `/api/catalogue/${ids.catalogue}`],
      ['post', `/api/customers/${ids.customer}/anonymise`], ['get', '/api/audit'],
    ];
    for (const [method, path, body] of ownerOnly) {
      const r = await (request(s.app) as unknown as Record<string, (p: string) => request.Test>)[method]!(path).set(s.staff).send(body ?? {});
      expect({ path, method, status: r.status, code: r.body.code }).toEqual({ path, method, status: 403, code: 'FORBIDDEN' });
    }
    for (const path of ['/api/dashboard', '/api/orders', '/api/orders/board', '/api/customers', '/api/catalogue']) {
      expect((await request(s.app).get(path).set(s.staff)).status).toBe(200);
    }
  });

  it('features outside the plan answer 403 FEATURE_NOT_IN_PLAN until the owner upgrades', async () => {
    const s = await open();
    const voice = { kind: 'voice', externalId: `+55113${Date.now().toString().slice(-7)}`, secrets: { accountSid: 'AC123456', authToken: 'tok-secret-123' } };
    const denied = await request(s.app).post('/api/channels').set(s.owner).send(voice);
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('FEATURE_NOT_IN_PLAN');
    expect(denied.body.message).toMatch(/plano/);
    await request(s.app).put('/api/settings/plan').set(s.owner).send({ plan: 'basico' }).expect(200);
    expect((await request(s.app).get('/api/audit').set(s.owner)).body.code).toBe('FEATURE_NOT_IN_PLAN');
    expect((await request(s.app).get('/api/auth/me').set(s.owner)).body.features).toMatchObject({ voice: false, auditLog: false });
    await request(s.app).put('/api/settings/plan').set(s.owner).send({ plan: 'premium' }).expect(200);
    const ok = await request(s.app).post('/api/channels').set(s.owner).send(voice);
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ kind: 'voice', hasSecrets: true });
    expect(JSON.stringify(ok.body)).not.toContain('tok-secret-123');
    const audit = await request(s.app).get('/api/audit?action=plan.changed').set(s.owner);
    expect(audit.body.items.map((i: { after: { plan: string } }) => i.after.plan)).toEqual(['premium', 'basico']);
  });
});

describe('orders', () => {
  it('lists, filters, groups and details orders', async () => {
    const s = await open();
    const list = await request(s.app).get('/api/orders?status=pronta').set(s.staff);
    expect(list.body).toMatchObject({ total: 1, items: [{ status: 'pronta', customerName: 'Pedro Lima' }] });
    expect((await request(s.app).get('/api/orders?q=maria').set(s.staff)).body.items[0].customerName).toBe('Maria Oliveira');
    expect((await request(s.app).get('/api/orders?page=0').set(s.staff)).status).toBe(400);
    const board = await request(s.app).get('/api/orders/board').set(s.staff);
    expect(board.body.aberta).toHaveLength(1);
    expect(board.body.entregue).toBeUndefined();
    const id = list.body.items[0].id as string;
    const detail = await request(s.app).get(`/api/orders/${id}`).set(s.staff);
    expect(detail.body.quotes[0]).toMatchObject({ version: 1, status: 'approved' });
    expect(detail.body.events.map((e: { to: string }) => e.to)).toContain('pronta');
  });

  it('changes status through the order machine, notifies the customer and audits', async () => {
    const s = await open();
    const { orderId, conversationId } = await withConversation(s.shop, 5); // Pedro, 'pronta'
    const bad = await request(s.app).post(`/api/orders/${orderId}/status`).set(s.staff).send({ status: 'aberta' });
    expect(bad.status).toBe(409);
    expect(bad.body.code).toBe('CONFLICT');
    const ok = await request(s.app).post(`/api/orders/${orderId}/status`).set(s.staff).send({ status: 'entregue' });
    expect(ok.body).toMatchObject({ ok: true, status: 'entregue', customerNotified: true });
    const out = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.message.findMany({ where: { conversationId, direction: 'out' } }));
    expect(out).toHaveLength(1);
    expect(out[0]!.status).toBe('queued');
    const audit = await request(s.app).get(`/api/audit?entity=service_order`).set(s.owner);
    expect(audit.body.items.map((i: { action: string }) => i.action)).toEqual(expect.arrayContaining(['order.status_changed', 'order.customer_notified']));
  });

  it('editing the quote makes a new version for approval and supersedes the old one', async () => {
    const s = await open();
    const { orderId, conversationId } = await withConversation(s.shop, 2); // Maria, quote sent
    const r = await request(s.app).put(`/api/orders/${orderId}/quote`).set(s.staff).send({
      lines: [
        { kind: 'part', description: 'Óleo 10W30', quantity: 1, unitPriceCents: 3990 },
        { kind: 'labour', description: 'Mão de obra', quantity: 0.5, unitPriceCents: 9000 },
      ],
    });
    expect(r.body).toMatchObject({ ok: true, version: 2, totalCents: 8490, sentToCustomer: true });
    const quotes = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.quote.findMany({ where: { orderId }, orderBy: { version: 'asc' } }));
    expect(quotes.map((q) => q.status)).toEqual(['superseded', 'sent']);
    expect(quotes[1]!.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const msg = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.message.findFirstOrThrow({ where: { conversationId, direction: 'out' } }));
    expect(msg.text).toMatch(/84,90/);
    const invalid = await request(s.app).put(`/api/orders/${orderId}/quote`).set(s.staff).send({ lines: [{ kind: 'part', description: '', quantity: -1, unitPriceCents: 1.5 }] });
    expect(invalid.status).toBe(400);
    expect(invalid.body.issues.length).toBeGreaterThanOrEqual(3);
  });

  it('marks a static Pix payment exactly once, even with two clicks at once', async () => {
    const s = await open();
    const { orderId } = await withConversation(s.shop, 3); // Carlos, approved
    const [r1, r2] = await Promise.all([
      request(s.app).post(`/api/orders/${orderId}/mark-paid`).set(s.staff).send({}),
      request(s.app).post(`/api/orders/${orderId}/mark-paid`).set(s.staff).send({}),
    ]);
    expect([r1.status, r2.status].sort()).toEqual([200, 409]);
    const paid = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.payment.findMany({ where: { orderId, status: 'paid' } }));
    expect(paid).toHaveLength(1);
    expect(paid[0]!.amountCents).toBeGreaterThan(0);
    const link = await request(s.app).post(`/api/orders/${orderId}/payment-link`).set(s.staff).send({});
    expect(link.status).toBe(200);
    const effects = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.outboxEffect.count({ where: { kind: 'request_payment' } }));
    expect(effects).toBe(1);
  });

  it('takes over the chat and hands it back to the bot', async () => {
    const s = await open();
    const { orderId, conversationId } = await withConversation(s.shop, 1);
    await request(s.app).post(`/api/orders/${orderId}/takeover`).set(s.staff).expect(200);
    const conv = () => p.tdb.withTenant(s.shop.tenantId, (tx) => tx.conversation.findUniqueOrThrow({ where: { id: conversationId } }));
    expect((await conv()).handledBy).toBe('human');
    await request(s.app).post(`/api/orders/${orderId}/handback`).set(s.staff).expect(200);
    expect((await conv()).handledBy).toBe('bot');
  });
});

describe('reads wait in line; logins and changes do not', () => {
  it('with every read slot taken and the line full, reads get 503 SERVER_BUSY while login, refresh and changes answer', async () => {
    const lane = createBulkhead({ limit: 1, maxQueue: 0 });
    const app = apiApp(p, { readLane: lane });
    const shop = await seedApiShop(p);
    const free = await lane.acquire(); // as if a slow read were running
    try {
      const busy = await request(app).get('/api/dashboard').set('authorization', 'Bearer x');
      expect(busy.status).toBe(503);
      expect(busy.body.code).toBe('SERVER_BUSY');
      expect(busy.body.message).toMatch(/ocupado/);
      expect(busy.headers['retry-after']).toBeDefined();
      const o = await loginAs(app, shop.ownerEmail, shop.ownerPassword);
      const refreshed = await request(app).post('/api/auth/refresh').send({ refreshToken: o.refreshToken });
      expect(refreshed.status).toBe(200);
      const owner = { authorization: `Bearer ${refreshed.body.accessToken as string}` };
      const order = await p.tdb.withTenant(shop.tenantId, (tx) => tx.serviceOrder.findFirstOrThrow({ where: { number: 1 } }));
      await request(app).post(`/api/orders/${order.id}/status`).set(owner).send({ status: 'cancelada' }).expect(200);
      expect((await request(app).get('/api/orders').set(owner)).status).toBe(503);
    } finally {
      free();
    }
    // Once the slot is free, reads are served again.
    const o = await loginAs(app, shop.ownerEmail, shop.ownerPassword);
    const r = await request(app).get('/api/dashboard').set('authorization', `Bearer ${o.accessToken}`);
    expect(r.status).toBe(200);
    expect(lane.stats()).toMatchObject({ active: 0, queued: 0 });
  });
});

describe('dashboard', () => {
  it('shows open orders, conversion, revenue and time in the shop', async () => {
    const s = await open();
    const r = await request(s.app).get('/api/dashboard').set(s.owner);
    expect(r.status).toBe(200);
    expect(r.body.openOrdersByStatus).toEqual({ aberta: 1, orcamento_enviado: 1, aprovada: 1, em_execucao: 1, pronta: 1 });
    expect(r.body.last30Days).toHaveLength(30);
    expect(r.body.averageHoursInShop).toBe(5);
    expect(r.body.revenueThisMonthCents).toBeGreaterThanOrEqual(0);
    expect(r.body.conversion).toBeGreaterThanOrEqual(0);
    expect(r.body.conversion).toBeLessThanOrEqual(1);
  });

  it('every figure matches the rows themselves, per local day of the shop, old and unpaid rows left out', async () => {
    const s = await open();
    const DAY = 86_400_000;
    const now = Date.now();
    const tenantId = s.shop.tenantId;
    // Rows around the edges: an order and a payment before the 30-day window, a pending payment today.
    await p.tdb.withTenant(tenantId, async (tx) => {
      const first = await tx.serviceOrder.findFirstOrThrow({ where: { number: 1 } });
      const edge = async (number: number, daysAgo: number, status: string, paidDaysAgo: number | null, amountCents: number) => {
        const openedAt = new Date(now - daysAgo * DAY);
        const order = await tx.serviceOrder.create({
          data: { tenantId, number, customerId: first.customerId, status, openedAt, statusChangedAt: openedAt, deliveredAt: paidDaysAgo === null ? null : new Date(now - paidDaysAgo * DAY) },
        });
        await tx.payment.create({
          data: {
            tenantId, orderId: order.id, provider: 'pix_static', txid: `EDGE${number}`, amountCents,
            status: paidDaysAgo === null ? 'pending' : 'paid', paidAt: paidDaysAgo === null ? null : new Date(now - paidDaysAgo * DAY),
          },
        });
      };
      await edge(901, 45, 'entregue', 35, 12_345);
      await edge(902, 29, 'entregue', 12, 5_000);
      await edge(903, 0, 'aberta', null, 7_777);
    });
    const rows = await p.tdb.withTenant(tenantId, async (tx) => ({
      tz: (await tx.tenant.findUniqueOrThrow({ where: { id: tenantId } })).timezone,
      orders: await tx.serviceOrder.findMany(),
      quotes: await tx.quote.findMany(),
      payments: await tx.payment.findMany(),
    }));
    const local = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: rows.tz, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d);
    const today = local(new Date(now));
    const inMonth = (d: Date | null) => !!d && local(d).slice(0, 7) === today.slice(0, 7);
    const days = Array.from({ length: 30 }, (_, i) => local(new Date(now - (29 - i) * DAY)));
    const paid = rows.payments.filter((x) => x.status === 'paid' && x.paidAt);
    const openByStatus: Record<string, number> = {};
    for (const o of rows.orders) if (!['entregue', 'recusada', 'cancelada'].includes(o.status)) openByStatus[o.status] = (openByStatus[o.status] ?? 0) + 1;
    const delivered = rows.orders.filter((o) => o.deliveredAt);
    const hours = delivered.reduce((sum, o) => sum + (o.deliveredAt!.getTime() - o.openedAt.getTime()) / 3_600_000, 0) / delivered.length;
    const sent = rows.quotes.filter((q) => inMonth(q.sentAt)).length;
    const approved = rows.quotes.filter((q) => inMonth(q.decidedAt) && ['approved', 'partially_approved'].includes(q.status)).length;

    const r = await request(s.app).get('/api/dashboard').set(s.owner);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      openOrdersByStatus: openByStatus,
      quotesSentThisMonth: sent,
      quotesApprovedThisMonth: approved,
      conversion: sent ? Math.round((approved / sent) * 1000) / 1000 : 0,
      revenueThisMonthCents: paid.filter((x) => inMonth(x.paidAt)).reduce((sum, x) => sum + x.amountCents, 0),
      averageHoursInShop: Math.round(hours * 10) / 10,
      last30Days: days.map((date) => ({
        date,
        ordersOpened: rows.orders.filter((o) => local(o.openedAt) === date).length,
        revenueCents: paid.filter((x) => local(x.paidAt!) === date).reduce((sum, x) => sum + x.amountCents, 0),
      })),
    });
    // The edge rows did what they should: the 45-day-old order is outside the series, the 29-day-old one inside.
    expect(r.body.last30Days[0].ordersOpened).toBeGreaterThanOrEqual(1);
    expect(r.body.last30Days.reduce((n: number, d: { ordersOpened: number }) => n + d.ordersOpened, 0)).toBe(rows.orders.length - 1);
  });
});

describe('customers (LGPD)', () => {
  it('exports everything and anonymises personal data while keeping fiscal records', async () => {
    const s = await open();
    const { customerId, conversationId } = await withConversation(s.shop, 6); // Fernanda, paid
    const found = await request(s.app).get('/api/customers?q=fernanda').set(s.staff);
    expect(found.body.items).toHaveLength(1);
    const exp = await request(s.app).get(`/api/customers/${customerId}/export`).set(s.owner);
    expect(exp.body.customer.name).toBe('Fernanda Costa');
    expect(exp.body.conversations[0].messages[0].text).toMatch(/moto/);
    await request(s.app).post(`/api/customers/${customerId}/anonymise`).set(s.owner).expect(200);
    expect((await request(s.app).post(`/api/customers/${customerId}/anonymise`).set(s.owner)).status).toBe(409);
    const after = await p.tdb.withTenant(s.shop.tenantId, async (tx) => ({
      c: await tx.customer.findUniqueOrThrow({ where: { id: customerId } }),
      ids: await tx.customerIdentity.count({ where: { customerId } }),
      msgs: await tx.message.findMany({ where: { conversationId } }),
      payments: await tx.payment.findMany({ where: { order: { customerId } } }),
      audit: await tx.auditLog.findFirstOrThrow({ where: { action: 'customer.anonymised' } }),
    }));
    expect(after.c).toMatchObject({ name: 'Cliente anonimizado', phoneE164: null, email: null });
    expect(after.ids).toBe(0);
    expect(after.msgs.every((m) => !/moto/.test(m.text ?? ''))).toBe(true);
    expect(after.payments).toHaveLength(1);
    expect(after.payments[0]!.amountCents).toBeGreaterThan(0);
    expect(JSON.stringify(after.audit)).not.toContain('Fernanda');
  });
});

describe('catalogue', () => {
  it('creates, updates, deletes and round-trips CSV, auditing each change', async () => {
    const s = await open();
    const created = await request(s.app).post('/api/catalogue').set(s.owner).send(ITEM);
    expect(created.status).toBe(201);
    expect((await request(s.app).post('/api/catalogue').set(s.owner).send(ITEM)).status).toBe(409);
    const updated = await request(s.app).put(`/api/catalogue/${created.body.id}`).set(s.owner).send({ ...ITEM, priceCents: 3900 });
    expect(updated.body.priceCents).toBe(3900);
    const bad = await request(s.app).post('/api/catalogue').set(s.owner).send({ ...ITEM, sku: 'X2', kind: 'labour' });
    expect(bad.status).toBe(400);
    const csv = await request(s.app).get('/api/catalogue/export.csv').set(s.staff);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text).toContain('OLEO-TESTE');
    const imported = await request(s.app).post('/api/catalogue/import').set(s.owner).send({ csv: csv.text.replace(/^\uFEFF/, '') });
    expect(imported.status).toBe(200);
    expect((await request(s.app).post('/api/catalogue/import').set(s.owner).send({ csv: 'a;b\n1;2' })).status).toBe(400);
    await request(s.app).delete(`/api/catalogue/${created.body.id}`).set(s.owner).expect(200);
    const audit = await request(s.app).get('/api/audit?entity=catalogue_item').set(s.owner);
    expect(audit.body.items.map((i: { action: string }) => i.action).sort()).toEqual(['catalogue.created', 'catalogue.deleted', 'catalogue.updated']);
  });
});

describe('settings, staff, channels, failures', () => {
  it('validates the Pix key and stores the detected type', async () => {
    const s = await open();
    const bad = await request(s.app).patch('/api/settings').set(s.owner).send({ pixKey: 'não é chave' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('pixKey');
    const ok = await request(s.app).patch('/api/settings').set(s.owner).send({ pixKey: 'Financeiro@Oficina.com.br', quoteValidityDays: 15 });
    expect(ok.body).toMatchObject({ pixKey: 'financeiro@oficina.com.br', pixKeyType: 'email', quoteValidityDays: 15 });
    expect((await request(s.app).patch('/api/settings').set(s.owner).send({ plan: 'premium' })).status).toBe(400);
  });

  it('creates staff with a generated password who can then log in; link codes for Telegram', async () => {
    const s = await open();
    const email = `mecanico-${randomUUID().slice(0, 6)}@oficina.com`;
    const r = await request(s.app).post('/api/staff').set(s.owner).send({ name: 'Zé Mecânico', email });
    expect(r.status).toBe(201);
    expect(r.body.password).toMatch(/^\w{5}-\w{5}-\w{5}$/);
    await loginAs(s.app, email, r.body.password);
    expect((await request(s.app).post('/api/staff').set(s.owner).send({ name: 'Outro', email })).status).toBe(409);
    const code = await request(s.app).post(`/api/staff/${r.body.user.id}/link-code`).set(s.owner);
    expect(code.body.code).toMatch(/^[A-Z2-9]{8}$/);
    const list = await request(s.app).get('/api/staff').set(s.owner);
    expect(list.body.items).toHaveLength(3);
  });

  it('keeps channel secrets sealed and write-only; pairing state defaults to unavailable', async () => {
    const s = await open();
    const externalId = String(Date.now()).slice(-10);
    const r = await request(s.app).post('/api/channels').set(s.owner).send({ kind: 'telegram', externalId, secrets: { botToken: `${externalId}:AAbbCCddEEffGGhhIIjjKKll` } });
    expect(r.status).toBe(200);
    const list = await request(s.app).get('/api/channels').set(s.owner);
    expect(JSON.stringify(list.body)).not.toContain('AAbbCC');
    const row = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.channelAccount.findUniqueOrThrow({ where: { id: r.body.id } }));
    expect(row.secretsEnc).toMatch(/^v1\./);
    expect(p.secrets.openJson<{ botToken: string }>(row.secretsEnc!).botToken).toContain('AAbbCC');
    expect((await request(s.app).get(`/api/channels/${r.body.id}/pairing`).set(s.owner)).body).toEqual({ status: 'unavailable' });
    const other = await open();
    expect((await request(other.app).post('/api/channels').set(other.owner).send({ kind: 'telegram', externalId })).status).toBe(409);
  });

  it('retries a dead letter once: message back to queued', async () => {
    const s = await open();
    const ids = await idsOf(s.shop);
    const list = await request(s.app).get('/api/failures').set(s.staff);
    expect(list.body.items).toHaveLength(1);
    await request(s.app).post(`/api/failures/${ids.failure}/retry`).set(s.staff).expect(200);
    expect((await request(s.app).post(`/api/failures/${ids.failure}/retry`).set(s.staff)).status).toBe(409);
    const msg = await p.tdb.withTenant(s.shop.tenantId, (tx) => tx.message.findUniqueOrThrow({ where: { id: ids.messageId } }));
    expect(msg.status).toBe('queued');
  });
});

describe('openapi', () => {
  it('documents every route with its schemas', async () => {
    const app = apiApp(p);
    const r = await request(app).get('/api/openapi.json');
    expect(r.body.openapi).toBe('3.1.0');
    const ops = Object.entries(r.body.paths as Record<string, Record<string, unknown>>).flatMap(([path, m]) => Object.keys(m).map((k) => `${k} ${path}`));
    for (const op of ['post /api/auth/login', 'get /api/orders', 'get /api/orders/{id}', 'post /api/orders/{id}/status', 'get /api/dashboard', 'patch /api/settings', 'post /api/failures/{id}/retry']) {
      expect(ops).toContain(op);
    }
    expect(ops.length).toBe(4 + allApiRoutes({ tdb: p.tdb, queues: p.queues, secrets: p.secrets, logger: silentLogger, auth: { jwtSecret: 'x'.repeat(32) }, hasher: cheapHasher }).length);
    expect(r.body.paths['/api/orders/{id}/status'].post.requestBody.content['application/json'].schema.properties.status.enum).toContain('entregue');
    expect((await request(app).get('/api/nada')).body.code).toBe('NOT_FOUND');
  });
});
