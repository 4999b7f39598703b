import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestTenant, openTestDb, type TestDb } from '../test-support/db';
import { orderSummary } from './summaries';
import { loadFacts, loadTurn, lockConversation, writeTurn } from './turn-sql';

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
});
afterAll(async () => t?.close());

/** A customer with two motorcycles, a delivered order and an open one with two quote versions and a pending Pix. */
const seed = async (tenantId: string) =>
  t.tdb.withTenant(tenantId, async (tx) => {
    const customer = await tx.customer.create({ data: { tenantId, name: 'Márcia', phoneE164: '+5511987650000' } });
    await tx.vehicle.create({ data: { tenantId, customerId: customer.id, brand: 'Honda', model: 'CG 160 Titan', familyId: 'honda-cg-160', year: 2019, km: 32_000, updatedAt: new Date(Date.now() - 60_000) } });
    const bros = await tx.vehicle.create({ data: { tenantId, customerId: customer.id, brand: 'Honda', model: 'NXR 160 Bros', plate: 'ABC1D23' } });
    await tx.serviceOrder.create({ data: { tenantId, number: 1, customerId: customer.id, status: 'entregue', openedAt: new Date(Date.now() - 86_400_000) } });
    const open = await tx.serviceOrder.create({
      data: { tenantId, number: 2, customerId: customer.id, vehicleId: bros.id, status: 'orcamento_enviado', complaint: 'freio chiando', scheduledAt: new Date('2026-12-01T13:00:00Z') },
    });
    const line = (position: number, extra: Record<string, unknown> = {}) => ({
      tenantId, position, kind: position === 1 ? 'part' : 'labour', description: `Linha ${position}`, quantity: 1.5, unitPriceCents: 1000, totalCents: 1500, ...extra,
    });
    await tx.quote.create({
      data: { tenantId, orderId: open.id, version: 1, status: 'superseded', totalCents: 100, validUntil: new Date(), contentHash: randomUUID(), lines: { create: [line(1)] } },
    });
    const v2 = await tx.quote.create({
      data: {
        tenantId, orderId: open.id, version: 2, status: 'sent', totalCents: 3000, validUntil: new Date('2026-12-10T12:00:00.123Z'), contentHash: randomUUID(),
        explanation: 'Trocar as pastilhas.\nSem preço: Embreagem (sem preço no catálogo)',
        lines: { create: [line(1, { decision: 'approved' }), line(2, { optional: true }), line(3, { decision: 'rejected' })] },
      },
    });
    await tx.payment.create({ data: { tenantId, orderId: open.id, quoteId: v2.id, provider: 'pix_static', txid: `T${randomUUID().slice(0, 8)}`, amountCents: 3000, status: 'pending', pixCode: '000201...' } });
    const account = await tx.channelAccount.create({ data: { tenantId, kind: 'webchat', externalId: `web-${randomUUID()}`, status: 'active' } });
    const conversation = await tx.conversation.create({ data: { tenantId, customerId: customer.id, channelAccountId: account.id, channel: 'webchat', replyTo: 's1', state: { step: 'x' } } });
    return { customerId: customer.id, orderId: open.id, conversationId: conversation.id, channelAccountId: account.id };
  });

describe('turn SQL', () => {
  it('loads the open order with its latest quote, lines, decisions and pending payment, and the vehicles newest first', async () => {
    const tenant = await createTestTenant(t.tdb);
    const s = await seed(tenant.id);
    const [facts, byId] = await t.tdb.withTenant(tenant.id, async (tx) => [await loadFacts(tx, s.customerId), await orderSummary(tx, s.orderId)] as const);
    const line = (number: number, kind: 'part' | 'labour', optional: boolean, decision: string) =>
      ({ number, description: `Linha ${number}`, kind, quantity: 1.5, totalCents: 1500, optional, decision });
    expect(facts.openOrder).toEqual({
      id: s.orderId,
      number: 2,
      status: 'orcamento_enviado',
      complaint: 'freio chiando',
      scheduledAt: '2026-12-01T13:00:00.000Z',
      quote: {
        id: expect.any(String) as string,
        version: 2,
        status: 'sent',
        totalCents: 3000,
        validUntil: '2026-12-10T12:00:00.123Z',
        lines: [line(1, 'part', false, 'approved'), line(2, 'labour', true, 'pending'), line(3, 'labour', false, 'rejected')],
        unpriced: ['Embreagem (sem preço no catálogo)'],
        explanation: 'Trocar as pastilhas.',
        needsStaffReview: false,
      },
      paymentPending: { amountCents: 3000, pixCode: '000201...', linkUrl: null },
    });
    expect(byId).toEqual(facts.openOrder);
    expect(facts.customer).toMatchObject({ name: 'Márcia', optedOut: false });
    expect(facts.customer.vehicles.map((v) => v.model)).toEqual(['NXR 160 Bros', 'CG 160 Titan']);
    expect(facts.customer.vehicles[1]).toMatchObject({ familyId: 'honda-cg-160', year: 2019, km: 32_000, plate: null });
  });

  it('sees no other tenant\'s customer through the same statements', async () => {
    const a = await createTestTenant(t.tdb);
    const b = await createTestTenant(t.tdb);
    const sb = await seed(b.id);
    const facts = await t.tdb.withTenant(a.id, async (tx) => ({
      facts: await loadFacts(tx, sb.customerId),
      conv: await lockConversation(tx, sb.conversationId),
    }));
    expect(facts.conv).toBeNull();
    expect(facts.facts).toEqual({ customer: { name: null, optedOut: false, vehicles: [] }, openOrder: null });
  });

  it('writes the state, the replies in order and the outbox effects in one statement', async () => {
    const tenant = await createTestTenant(t.tdb);
    const s = await seed(tenant.id);
    const written = await t.tdb.withTenant(tenant.id, (tx) =>
      writeTurn(tx, {
        tenantId: tenant.id, conversationId: s.conversationId, channelAccountId: s.channelAccountId,
        state: { value: { step: 'quote' }, version: 7 },
        replies: ['primeira', 'segunda', 'terceira'].map((text) => ({ text, payload: { text } })),
        effects: [{ idempotencyKey: `k-${randomUUID()}`, kind: 'notify_staff', payload: { type: 'notify_staff', text: 'oi' } }],
      }),
    );
    expect(written.sends).toHaveLength(3);
    expect(written.effects).toHaveLength(1);
    await t.tdb.withTenant(tenant.id, async (tx) => {
      const out = await tx.message.findMany({ where: { conversationId: s.conversationId, direction: 'out' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      expect(out.map((m) => [m.id, m.text, m.status])).toEqual(written.sends.map((id, i) => [id, ['primeira', 'segunda', 'terceira'][i], 'queued']));
      const conv = await tx.conversation.findUniqueOrThrow({ where: { id: s.conversationId } });
      expect([conv.state, conv.stateVersion, conv.revision]).toEqual([{ step: 'quote' }, 7, 1]);
      const loaded = await loadTurn(tx, s.conversationId, s.customerId, written.sends[0]!);
      expect(loaded.pending).toEqual([]); // outbound rows are never pending input
    });
  });
});
