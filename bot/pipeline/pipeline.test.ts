import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import {
  createTestPlatform,
  newSession,
  repliesFor,
  seedShop,
  settle,
  waitFor,
  webchatInbound,
  type TestShop,
} from '../test-support/platform';

describe.each(['in-process', 'bullmq'] as const)('message pipeline (%s queues)', (queue) => {
  let p: Platform;
  let shop: TestShop;
  beforeAll(async () => {
    p = await createTestPlatform({ queue });
    await p.startWorkers();
    shop = await seedShop(p);
  });
  afterAll(async () => p?.close());

  const say = async (session: string, text: string, expectReplies: number) => {
    const r = await request(p.app).post(`/api/chat/${shop.slug}`).send({ sessionId: session, text });
    expect(r.status).toBe(202);
    return waitFor(() => repliesFor(p, shop, session), (m) => m.length >= expectReplies && m.every((x) => x.status === 'sent'));
  };

  it('holds a whole conversation in the web chat: quote, approval, staff notified, Pix code', async () => {
    const s = newSession();
    let replies = await say(s, 'oi, quanto fica a troca de óleo da minha titan 2019?', 1);
    expect(replies.at(-1)!.text).toMatch(/km/i);
    replies = await say(s, 'uns 32 mil', 2);
    expect(replies.at(-1)!.text).toMatch(/nome/i);
    replies = await say(s, 'Carlos Souza', 4);
    const quote = replies.find((m) => /Orçamento da OS/.test(m.text ?? ''));
    expect(quote?.text).toMatch(/Total: R\$ \d{1,3}(\.\d{3})*,\d{2}/);
    expect(quote?.text).toMatch(/Óleo/);
    // The quote carries a signed link to the customer portal, which opens that order.
    const link = (quote!.payload as { link?: { url: string } }).link!;
    expect(link.url).toMatch(/\/p\/[A-Za-z0-9_.-]+$/);
    const portal = await request(p.app).get(new URL(link.url).pathname);
    expect(portal.status).toBe(200);
    expect(portal.text).toMatch(/Troca de óleo|Óleo/);
    replies = await say(s, 'pode fazer', 5);
    expect(replies.at(-1)!.text).toMatch(/Aprovado/);

    const state = await p.tdb.withTenant(shop.tenantId, async (tx) => {
      const customer = await tx.customer.findFirstOrThrow({ where: { identities: { some: { kind: 'webchat', address: s } } } });
      const order = await tx.serviceOrder.findFirstOrThrow({ where: { customerId: customer.id }, include: { quotes: { include: { approvals: true } } } });
      const notes = await tx.notification.findMany({ where: { conversationId: order.conversationId } });
      return { customer, order, notes };
    });
    expect(state.customer.name).toBe('Carlos Souza');
    expect(state.order.status).toBe('aprovada');
    const approved = state.order.quotes.find((q) => q.status === 'approved')!;
    expect(approved.approvals).toHaveLength(1);
    expect(approved.approvals[0]).toMatchObject({ decision: 'approved', channel: 'webchat', contentHash: approved.contentHash });
    expect(state.notes.map((n) => n.kind).sort()).toEqual(expect.arrayContaining(['new_order', 'approved']));

    replies = await say(s, 'quero pagar no pix', 7);
    const pix = replies.find((m) => (m.payload as { copyText?: string } | null)?.copyText);
    expect((pix!.payload as { copyText: string }).copyText).toMatch(/^000201.*br\.gov\.bcb\.pix.*6304[0-9A-F]{4}$/);
  });

  it('processes a redelivered message once (one stored message, one reply)', async () => {
    const s = newSession();
    const msg = webchatInbound(shop, s, 'oi');
    const results = await Promise.all([p.ingest(msg), p.ingest(msg), p.ingest(msg)]);
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(results.filter((r) => r.status === 'duplicate')).toHaveLength(2);
    await waitFor(() => repliesFor(p, shop, s), (m) => m.length >= 1);
    expect(await p.ingest(msg)).toEqual({ status: 'duplicate' });
    await settle();
    const inbound = await p.tdb.withTenant(shop.tenantId, (tx) => tx.message.count({ where: { direction: 'in', conversation: { replyTo: s } } }));
    expect(inbound).toBe(1);
    expect(await repliesFor(p, shop, s)).toHaveLength(1);
  });

  it('keeps unique messages that share text or time: dedupe is on the channel message id only', async () => {
    const s = newSession();
    const a = await p.ingest(webchatInbound(shop, s, 'oi'));
    const b = await p.ingest(webchatInbound(shop, s, 'oi'));
    expect([a.status, b.status]).toEqual(['accepted', 'accepted']);
  });

  it('stores and answers a message carrying NUL bytes (PostgreSQL cannot hold them), without them', async () => {
    const s = newSession();
    const replies = await say(s, 'oi\u0000, quanto fica a troca de óleo da minha titan 2019?\u0000', 1);
    expect(replies.at(-1)!.text).toMatch(/km/i);
    const stored = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.message.findFirstOrThrow({ where: { direction: 'in', conversation: { replyTo: s } }, select: { text: true } }),
    );
    expect(stored.text).toBe('oi, quanto fica a troca de óleo da minha titan 2019?');
  });

  it('goes silent after a handoff to a human', async () => {
    const s = newSession();
    const replies = await say(s, 'quero falar com um atendente', 1);
    expect(replies.at(-1)!.text).toMatch(/atendente|alguém|equipe|oficina/i);
    await p.ingest(webchatInbound(shop, s, 'oi? alguem ai?'));
    await settle(800);
    expect(await repliesFor(p, shop, s)).toHaveLength(replies.length);
    const conv = await p.tdb.withTenant(shop.tenantId, (tx) => tx.conversation.findFirstOrThrow({ where: { replyTo: s } }));
    expect(conv.handledBy).toBe('human');
    const received = await p.tdb.withTenant(shop.tenantId, (tx) => tx.message.count({ where: { conversationId: conv.id, direction: 'in' } }));
    expect(received).toBe(2); // kept for the staff to read, not answered by the bot
    const forwarded = await waitFor(
      () => p.tdb.withTenant(shop.tenantId, (tx) => tx.notification.findMany({ where: { conversationId: conv.id, kind: 'handoff' } })),
      (n) => n.some((x) => x.text.includes('alguem ai')),
    );
    expect(forwarded.length).toBeGreaterThanOrEqual(2); // the handoff request, then the customer's message
  });

  it('records an opt-out as revoked consent', async () => {
    const s = newSession();
    const replies = await say(s, 'parar', 1);
    expect(replies.at(-1)!.text).toMatch(/n[ãa]o (vai|vamos|enviaremos|mandaremos)|promo/i);
    const customer = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.customer.findFirstOrThrow({ where: { identities: { some: { address: s } } }, include: { consents: true } }),
    );
    expect(customer.optedOutAt).not.toBeNull();
    expect(customer.consents).toEqual([expect.objectContaining({ purpose: 'marketing', granted: false, channel: 'webchat' })]);
  });

  it('rejects malformed inbound messages and unknown channels without storing anything', async () => {
    expect((await p.ingest({ text: 'oi' })).status).toBe('invalid');
    expect((await p.ingest(webchatInbound({ ...shop, channelAccountId: randomUUID() }, newSession(), 'oi'))).status).toBe('unknown_channel');
    const r = await request(p.app).post('/api/chat/oficina-que-nao-existe').send({ sessionId: newSession(), text: 'oi' });
    expect(r.status).toBe(404);
    expect(r.body.code).toBe('UNKNOWN_TENANT');
    const bad = await request(p.app).post(`/api/chat/${shop.slug}`).set('content-type', 'application/json').send('{"sessionId": ');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('INVALID_JSON');
    const huge = await request(p.app).post(`/api/chat/${shop.slug}`).send({ sessionId: newSession(), text: 'a'.repeat(2 * 1024 * 1024) });
    expect(huge.status).toBe(413);
  });
});

describe('burst of quick messages', () => {
  let p: Platform;
  let shop: TestShop;
  beforeAll(async () => {
    p = await createTestPlatform({ queue: 'bullmq', burstWindowMs: 400 });
    await p.startWorkers();
    shop = await seedShop(p);
  });
  afterAll(async () => p?.close());

  it('handles three messages sent within the window as one turn', async () => {
    const s = newSession();
    for (const text of ['oi', 'tenho uma titan 2019', 'quanto fica a troca de oleo?']) {
      await p.ingest(webchatInbound(shop, s, text));
      await new Promise((r) => setTimeout(r, 60));
    }
    await waitFor(() => repliesFor(p, shop, s), (m) => m.length >= 1);
    await settle(1200);
    const conv = await p.tdb.withTenant(shop.tenantId, (tx) => tx.conversation.findFirstOrThrow({ where: { replyTo: s } }));
    expect(conv.revision).toBe(1); // one turn for the three
    const replies = await repliesFor(p, shop, s);
    expect(replies[0]!.text).toMatch(/km/i); // it understood model, year and service together
  });
});

describe('two servers racing on a new customer', () => {
  let a: Platform;
  let b: Platform;
  let shop: TestShop;
  beforeAll(async () => {
    a = await createTestPlatform({ queue: 'in-process' });
    b = await createTestPlatform({ queue: 'in-process' });
    shop = await seedShop(a);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
  });

  it('creates one customer and one conversation', async () => {
    for (let round = 0; round < 5; round++) {
      const phone = `+55119${6 + (round % 4)}${String(Math.floor(Math.random() * 10_000_000)).padStart(7, '0')}`;
      const noNinth = phone.replace(/^\+55(\d\d)9/, '+55$1');
      const msg = (address: string) => ({
        channelAccountId: shop.channelAccountId,
        externalMessageId: randomUUID(),
        from: { kind: 'phone' as const, address },
        text: 'oi',
        receivedAt: new Date().toISOString(),
      });
      // Same person, with and without the ninth digit, through two servers at once.
      const results = await Promise.all([a.ingest(msg(phone)), b.ingest(msg(noNinth)), a.ingest(msg(noNinth)), b.ingest(msg(phone))]);
      expect(results.every((r) => r.status === 'accepted')).toBe(true);
      const counts = await a.tdb.withTenant(shop.tenantId, async (tx) => ({
        customers: await tx.customer.count({ where: { phoneE164: phone } }),
        conversations: new Set(results.map((r) => (r.status === 'accepted' ? r.conversationId : ''))).size,
      }));
      expect(counts).toEqual({ customers: 1, conversations: 1 });
    }
  });
});

describe('quote explanation written by the model', () => {
  let p: Platform;
  let shop: TestShop;
  const asked: string[] = [];
  beforeAll(async () => {
    p = await createTestPlatform({
      queue: 'in-process',
      platform: {
        explainQuote: async (complaint, services) => {
          asked.push(`${complaint} → ${services.join(',')}`);
          return 'É a troca do óleo e do filtro, serviço rápido que deixa o motor protegido.';
        },
      },
    });
    await p.startWorkers();
    shop = await seedShop(p);
  });
  afterAll(async () => p?.close());

  it('shows the explanation with the itemised quote; numbers still come from the catalogue', async () => {
    const s = newSession();
    for (const [text, n] of [['oi, quanto fica a troca de óleo da minha titan 2019?', 1], ['uns 32 mil', 2], ['Carlos Souza', 4]] as const) {
      await p.ingest(webchatInbound(shop, s, text));
      await waitFor(() => repliesFor(p, shop, s), (m) => m.length >= n);
    }
    const quote = (await repliesFor(p, shop, s)).find((m) => /Orçamento da OS/.test(m.text ?? ''))!;
    expect(quote.text).toContain('É a troca do óleo e do filtro');
    expect(quote.text).toMatch(/Total: R\$ 113,80/);
    expect(asked[0]).toMatch(/oil_change/);
  });
});
