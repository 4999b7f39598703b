import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatBRL } from '../../core/domain/money';
import type { Platform } from '../platform';
import { hashToken } from '../security/crypto';
import { createTestPlatform, newSession, repliesFor, seedShop, settle, waitFor, webchatInbound, type TestShop } from '../test-support/platform';
import type { StaffNotifier } from '../pipeline/run-effect';
import { createRunStaffCommand, STAFF_TEXTS, type RunStaffCommand } from './run-staff-command';

describe('staff commands over Telegram', () => {
  let p: Platform;
  let shop: TestShop;
  let other: TestShop;
  let run: RunStaffCommand;
  let staffId: string;
  const tg = String(Math.floor(Math.random() * 1e9));
  const session = newSession();
  let orderNumber: number;
  let orderId: string;
  // The staff notifiers the runner wakes (Telegram in production): what they were told.
  const staffNotices: { tenantId: string; kind: string; text: string }[] = [];
  const recorder: StaffNotifier = {
    notify: async (tenantId, n) => {
      staffNotices.push({ tenantId, kind: n.kind, text: n.text });
    },
  };

  const say = async (s: string, text: string, expectReplies: number) => {
    const r = await request(p.app).post(`/api/chat/${shop.slug}`).send({ sessionId: s, text });
    expect(r.status).toBe(202);
    return waitFor(() => repliesFor(p, shop, s), (m) => m.length >= expectReplies && m.every((x) => x.status === 'sent'));
  };
  const sentReplies = (min: number) => waitFor(() => repliesFor(p, shop, session), (m) => m.length >= min && m.every((x) => x.status === 'sent'));
  const staff = (text: string) => run({ tenantId: shop.tenantId, telegramUserId: tg, text });
  const newUser = (tenantId: string) =>
    p.tdb.withTenant(tenantId, (tx) =>
      tx.user.create({ data: { tenantId, email: `staff-${randomUUID()}@example.com`, name: 'Marcos Mecânico', passwordHash: 'x', role: 'staff' } }),
    );
  const newCode = async (tenantId: string, userId: string, o: { expiresInMs?: number; used?: boolean } = {}) => {
    const code = randomUUID().slice(0, 8).toUpperCase();
    await p.tdb.withTenant(tenantId, (tx) =>
      tx.linkCode.create({
        data: { tenantId, userId, codeHash: hashToken(code), expiresAt: new Date(Date.now() + (o.expiresInMs ?? 600_000)), usedAt: o.used ? new Date() : null },
      }),
    );
    return code;
  };

  beforeAll(async () => {
    p = await createTestPlatform({ queue: 'in-process' });
    await p.startWorkers();
    shop = await seedShop(p);
    other = await seedShop(p);
    run = createRunStaffCommand({ tdb: p.tdb, queues: p.queues, now: () => new Date(), notifiers: () => [recorder] });
    staffId = (await newUser(shop.tenantId)).id;
    // A customer conversation up to an approved quote, as in the pipeline test.
    await say(session, 'oi, quanto fica a troca de óleo da minha titan 2019?', 1);
    await say(session, 'uns 32 mil', 2);
    await say(session, 'Carlos Souza', 4);
    const replies = await say(session, 'pode fazer', 5);
    expect(replies.at(-1)!.text).toMatch(/Aprovado/);
    const order = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.serviceOrder.findFirstOrThrow({ where: { customer: { identities: { some: { address: session } } } } }),
    );
    expect(order.status).toBe('aprovada');
    orderNumber = order.number;
    orderId = order.id;
  }, 120_000);
  afterAll(async () => p?.close());

  it('refuses an unlinked Telegram user and changes nothing', async () => {
    const before = await p.tdb.withTenant(shop.tenantId, async (tx) => ({
      audits: await tx.auditLog.count(),
      order: await tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }),
    }));
    for (const text of ['/os', `/status ${orderNumber} em execução`, '/assumir', `/cobrar ${orderNumber}`, `/pago ${orderNumber}`, `pago ${orderNumber}`]) {
      expect(await staff(text)).toEqual({ reply: STAFF_TEXTS.notLinked });
    }
    const after = await p.tdb.withTenant(shop.tenantId, async (tx) => ({
      audits: await tx.auditLog.count(),
      order: await tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }),
    }));
    expect(after.audits).toBe(before.audits);
    expect(after.order.status).toBe('aprovada');
  });

  it('refuses expired, used and other-tenant link codes, then links with a valid one', async () => {
    const expired = await newCode(shop.tenantId, staffId, { expiresInMs: -1000 });
    const used = await newCode(shop.tenantId, staffId, { used: true });
    const otherUser = await newUser(other.tenantId);
    const foreign = await newCode(other.tenantId, otherUser.id);
    for (const code of [expired, used, foreign, 'NAOEXISTE']) {
      expect((await staff(`/vincular ${code}`)).reply).toBe(STAFF_TEXTS.linkInvalid);
    }
    expect((await staff('/vincular')).reply).toBe(STAFF_TEXTS.linkUsage);
    expect((await staff('/os')).reply).toBe(STAFF_TEXTS.notLinked);

    const good = await newCode(shop.tenantId, staffId);
    const r = await staff(`/vincular  ${good.toLowerCase()} `);
    expect(r.reply).toMatch(/vinculado/);
    const state = await p.tdb.withTenant(shop.tenantId, async (tx) => ({
      link: await tx.telegramLink.findUnique({ where: { tenantId_telegramUserId: { tenantId: shop.tenantId, telegramUserId: tg } } }),
      code: await tx.linkCode.findFirstOrThrow({ where: { codeHash: hashToken(good) } }),
      audit: await tx.auditLog.findFirst({ where: { action: 'telegram.linked', actorId: staffId } }),
    }));
    expect(state.link).toMatchObject({ userId: staffId, chatId: tg });
    expect(state.code.usedAt).not.toBeNull();
    expect(state.audit).not.toBeNull();
    // A used code cannot link again (another Telegram account).
    expect((await run({ tenantId: shop.tenantId, telegramUserId: `${tg}9`, text: `/vincular ${good}` })).reply).toBe(STAFF_TEXTS.linkInvalid);
  });

  it('answers usage errors and help in pt-BR', async () => {
    expect((await staff('/status')).reply).toMatch(/Falta o número da OS/);
    expect((await staff('/xyz')).reply).toMatch(/Não conheço o comando/);
    expect((await staff('/ajuda')).reply).toMatch(/^Comandos:/);
  });

  it('/os lists the open order and /os N shows its detail', async () => {
    const list = await staff('/os');
    expect(list.reply).toMatch(new RegExp(`#${orderNumber} · Aprovada · R\\$`));
    const detail = await staff(`/os ${orderNumber}`);
    expect(detail.reply).toMatch(new RegExp(`^OS #${orderNumber} — Aprovada`));
    expect(detail.reply).toMatch(/Cliente: Carlos Souza/);
    expect(detail.reply).toMatch(/Total: R\$/);
  });

  it('does not find another tenant\'s order', async () => {
    const foreignStaff = await newUser(other.tenantId);
    const code = await newCode(other.tenantId, foreignStaff.id);
    const otherRun = (text: string) => run({ tenantId: other.tenantId, telegramUserId: tg, text });
    expect((await otherRun(`/vincular ${code}`)).reply).toMatch(/vinculado/);
    expect((await otherRun(`/os ${orderNumber}`)).reply).toBe(`Não achei a OS #${orderNumber}.`);
    expect((await otherRun(`/status ${orderNumber} em execução`)).reply).toBe(`Não achei a OS #${orderNumber}.`);
    expect((await otherRun(`/cobrar ${orderNumber}`)).reply).toBe(`Não achei a OS #${orderNumber}.`);
    expect((await otherRun(`/pago ${orderNumber}`)).reply).toBe(`Não achei a OS #${orderNumber}.`);
    const order = await p.tdb.withTenant(shop.tenantId, (tx) => tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }));
    expect(order.status).toBe('aprovada');
  });

  it('moves the order through the state machine and tells the customer', async () => {
    const before = (await repliesFor(p, shop, session)).length;
    const refused = await staff(`/status ${orderNumber} pronta`);
    expect(refused.reply).toMatch(/Não dá pra passar de aprovada para pronta/);
    expect((await staff(`/status ${orderNumber} em execução`)).reply).toMatch(/agora está em execução/);
    expect((await staff(`/status ${orderNumber} pronta`)).reply).toMatch(/agora está pronta ✔️ Cliente avisado/);
    const replies = await sentReplies(before + 2);
    expect(replies.at(-2)!.text).toMatch(/Começamos o serviço/);
    expect(replies.at(-1)!.text).toMatch(new RegExp(`Sua moto está pronta! 🏍️ OS #${orderNumber}`));
    const rows = await p.tdb.withTenant(shop.tenantId, async (tx) => ({
      order: await tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }),
      events: await tx.orderEvent.findMany({ where: { orderId, actorType: 'staff' }, orderBy: { at: 'asc' } }),
      audits: await tx.auditLog.findMany({ where: { entityId: orderId, action: 'order.status_changed', actorType: 'staff' } }),
    }));
    expect(rows.order.status).toBe('pronta');
    expect(rows.order.readyAt).not.toBeNull();
    expect(rows.events.map((e) => [e.fromState, e.toState, e.actorId])).toEqual([
      ['aprovada', 'em_execucao', staffId],
      ['em_execucao', 'pronta', staffId],
    ]);
    expect(rows.audits).toHaveLength(2);
    expect(rows.audits.every((a) => a.actorId === staffId)).toBe(true);
  });

  it('/cobrar sends the customer a Pix copy-and-paste code', async () => {
    // Nothing charged yet: nothing to confirm.
    expect((await staff(`/pago ${orderNumber}`)).reply).toBe(
      `A OS #${orderNumber} não tem pagamento pendente pra confirmar. Use /cobrar ${orderNumber} pra enviar a cobrança ao cliente.`,
    );
    const before = (await repliesFor(p, shop, session)).length;
    const charged = await staff(`/cobrar ${orderNumber}`);
    expect(charged.reply).toBe(`Cobrança da OS #${orderNumber} enviada ao cliente.`);
    expect(charged.buttons).toEqual([{ id: `/pago ${orderNumber}`, title: 'Confirmar pagamento' }]);
    const replies = await sentReplies(before + 1);
    const pix = replies.slice(before).find((m) => (m.payload as { copyText?: string } | null)?.copyText);
    expect((pix!.payload as { copyText: string }).copyText).toMatch(/^000201.*br\.gov\.bcb\.pix.*6304[0-9A-F]{4}$/);
    const audits = await p.tdb.withTenant(shop.tenantId, (tx) => tx.auditLog.count({ where: { action: 'payment.charge_requested', actorId: staffId } }));
    expect(audits).toBe(1);
  });

  it('/pago confirms the static Pix once, tells the customer, and refuses other tenants', async () => {
    const pending = await waitFor(
      () => p.tdb.withTenant(shop.tenantId, (tx) => tx.payment.findMany({ where: { orderId } })),
      (rows) => rows.length === 1,
    );
    expect(pending.map((x) => [x.provider, x.status])).toEqual([['pix_static', 'pending']]);
    const amount = pending[0]!.amountCents;
    const brl = formatBRL({ cents: amount }).replace('$', '\\$');

    // The same order number in another shop is another order (there: none).
    expect((await run({ tenantId: other.tenantId, telegramUserId: tg, text: `/pago ${orderNumber}` })).reply).toBe(`Não achei a OS #${orderNumber}.`);
    const untouched = await p.tdb.withTenant(shop.tenantId, (tx) => tx.payment.findUniqueOrThrow({ where: { id: pending[0]!.id } }));
    expect(untouched.status).toBe('pending');

    const before = (await repliesFor(p, shop, session)).length;
    const noticesBefore = staffNotices.length;
    // Two staff taps at once (the button and a typed command): one confirms, the other is told.
    const replies = (await Promise.all([staff(`/pago ${orderNumber}`), staff(`pagou #${orderNumber}`)])).map((r) => r.reply).sort();
    expect(replies[0]).toMatch(new RegExp(`^O pagamento da OS #${orderNumber} já estava confirmado \\(${brl}\\)`));
    expect(replies[1]).toMatch(new RegExp(`^Pagamento da OS #${orderNumber} confirmado \\(${brl}\\)\\. O cliente foi avisado\\.$`));
    expect((await staff(`/pago@MinhaOficinaBot ${orderNumber}`)).reply).toMatch(/já estava confirmado/);

    const customer = await sentReplies(before + 1);
    await settle(300);
    const paidMsgs = (await repliesFor(p, shop, session)).slice(before).filter((m) => /Pagamento recebido/.test(m.text ?? ''));
    expect(paidMsgs).toHaveLength(1);
    expect(customer.at(-1)!.text).toMatch(new RegExp(`^Pagamento recebido! Confirmamos ${brl} da OS ${orderNumber}`));

    const rows = await p.tdb.withTenant(shop.tenantId, async (tx) => ({
      payments: await tx.payment.findMany({ where: { orderId } }),
      order: await tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }),
      events: await tx.paymentEvent.count({ where: { paymentId: pending[0]!.id } }),
      audits: await tx.auditLog.findMany({ where: { action: 'payment.paid', entityId: pending[0]!.id } }),
      notifications: await tx.notification.count({ where: { orderId, kind: 'payment_received' } }),
    }));
    expect(rows.payments.map((x) => [x.status, x.confirmedBy])).toEqual([['paid', `staff:${staffId}`]]);
    expect(rows.payments[0]!.paidAt).not.toBeNull();
    expect(rows.order.paidAt).not.toBeNull();
    expect(rows.events).toBe(1);
    expect(rows.audits.map((a) => [a.actorType, a.actorId])).toEqual([['staff', staffId]]);
    expect(rows.notifications).toBe(1);
    expect(staffNotices.slice(noticesBefore)).toEqual([
      { tenantId: shop.tenantId, kind: 'payment_received', text: expect.stringMatching(new RegExp(`^💰 Pagamento confirmado: OS ${orderNumber}`)) as string },
    ]);
  });

  it('/item adds a line as a new quote version sent for re-approval; /orcamento re-sends it', async () => {
    const before = (await repliesFor(p, shop, session)).length;
    const r = await staff(`/item ${orderNumber} + Pastilha dianteira 2x 45,90`);
    expect(r.reply).toMatch(/Adicionado na OS #\d+: Pastilha dianteira \(R\$\s?91,80\)/);
    expect(r.reply).toMatch(/v2/);
    const quotes = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.quote.findMany({ where: { orderId }, orderBy: { version: 'asc' }, include: { lines: { orderBy: { position: 'asc' } } } }),
    );
    expect(quotes.map((q) => [q.version, q.status])).toEqual([
      [1, 'superseded'],
      [2, 'sent'],
    ]);
    const [v1, v2] = [quotes[0]!, quotes[1]!];
    expect(v2.lines).toHaveLength(v1.lines.length + 1);
    expect(v2.totalCents).toBe(v1.totalCents + 9180);
    expect(v2.lines.every((l) => l.decision === 'pending')).toBe(true);
    expect(v2.contentHash).not.toBe(v1.contentHash);
    const replies = await sentReplies(before + 1);
    const quoteMsg = replies.at(-1)!;
    expect(quoteMsg.text).toMatch(new RegExp(`Orçamento da OS #${orderNumber}`));
    expect(quoteMsg.text).toMatch(/Pastilha dianteira/);
    expect((quoteMsg.payload as { buttons?: { id: string }[] }).buttons?.map((b) => b.id)).toEqual(['approve', 'reject']);

    expect((await staff(`/item ${orderNumber} - 99`)).reply).toMatch(/não tem o item 99/);
    expect((await staff(`/item ${orderNumber} - ${v2.lines.length}`)).reply).toMatch(/removido/);
    const latest = await p.tdb.withTenant(shop.tenantId, (tx) => tx.quote.findFirstOrThrow({ where: { orderId }, orderBy: { version: 'desc' } }));
    expect([latest.version, latest.status, latest.totalCents]).toEqual([3, 'sent', v1.totalCents]);

    expect((await staff(`/orcamento ${orderNumber}`)).reply).toBe(`Orçamento da OS #${orderNumber} reenviado ao cliente.`);
    await sentReplies(before + 3);

    // The customer approves the revised version by tapping the button: recorded on v3,
    // and the order stays where the work is (it does not go back to "aprovada").
    const statusBefore = (await p.tdb.withTenant(shop.tenantId, (tx) => tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }))).status;
    const tap = await request(p.app).post(`/api/chat/${shop.slug}`).send({ sessionId: session, choiceId: 'approve', choiceTitle: 'Aprovar' });
    expect(tap.status).toBe(202);
    const approvedV3 = await waitFor(
      () => p.tdb.withTenant(shop.tenantId, (tx) => tx.quote.findFirstOrThrow({ where: { orderId, version: 3 }, include: { approvals: true } })),
      (q) => q.status === 'approved',
    );
    expect(approvedV3.approvals).toEqual([expect.objectContaining({ version: 3, decision: 'approved', contentHash: approvedV3.contentHash })]);
    const after = await p.tdb.withTenant(shop.tenantId, (tx) => tx.serviceOrder.findUniqueOrThrow({ where: { id: orderId } }));
    expect(after.status).toBe(statusBefore);
  });

  it('/assumir silences the bot for the customer and /devolver brings it back', async () => {
    expect((await staff(`/assumir ${orderNumber}`)).reply).toMatch(/Você assumiu a conversa/);
    const conv = await p.tdb.withTenant(shop.tenantId, (tx) => tx.conversation.findFirstOrThrow({ where: { replyTo: session } }));
    expect([conv.handledBy, conv.assignedUserId]).toEqual(['human', staffId]);
    const before = (await repliesFor(p, shop, session)).length;
    await p.ingest(webchatInbound(shop, session, 'oi, a moto ficou pronta mesmo?'));
    await settle(800);
    expect(await repliesFor(p, shop, session)).toHaveLength(before);

    expect((await staff('/devolver')).reply).toBe('Conversa devolvida ao bot 🤖');
    const replies = await sentReplies(before + 1);
    expect(replies.at(-1)!.text).toMatch(/^Voltei!/);
    const after = await p.tdb.withTenant(shop.tenantId, (tx) => tx.conversation.findUniqueOrThrow({ where: { id: conv.id } }));
    expect([after.handledBy, after.assignedUserId]).toEqual(['bot', null]);
    expect((await staff('/devolver')).reply).toBe(STAFF_TEXTS.notAssigned);

    // The bot answers the customer again.
    await p.ingest(webchatInbound(shop, session, 'oi'));
    await sentReplies(before + 2);
    const audits = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.auditLog.findMany({ where: { entityId: conv.id, actorId: staffId }, select: { action: true } }),
    );
    expect(audits.map((a) => a.action).sort()).toEqual(['conversation.handed_back', 'conversation.taken_over']);
  });
});
