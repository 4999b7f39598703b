import { randomInt, randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { hashToken } from '../security/crypto';
import { callbackUpdate, startFakeTelegram, textUpdate, type FakeTelegram } from '../test-support/fakes/fake-telegram';
import { createTestPlatform, newSession, repliesFor, seedShop, settle, waitFor, type TestShop } from '../test-support/platform';
import { defaultChannels } from './registry';
import { notificationButtons, telegramChannel } from './telegram';

/** The registry's channels minus any Telegram module, so the one under test is the only one. */
const otherChannels = () => defaultChannels().filter((c) => c.kind !== 'telegram');

interface TgShop extends TestShop {
  readonly botId: number;
  readonly token: string;
  readonly secret: string;
  readonly accountId: string;
}

describe('telegram channel (webhook, grammY against a fake Bot API)', () => {
  let p: Platform;
  let tg: FakeTelegram;
  let shop: TgShop;

  const addTelegramShop = async (settings: Record<string, string> = {}): Promise<TgShop> => {
    const base = await seedShop(p);
    const botId = randomInt(100_000_000, 2_000_000_000);
    const token = tg.addBot(botId);
    const secret = randomUUID();
    const account = await p.tdb.withTenant(base.tenantId, (tx) =>
      tx.channelAccount.create({
        data: { tenantId: base.tenantId, kind: 'telegram', externalId: String(botId), secretsEnc: p.secrets.seal({ token, webhookSecret: secret }), settings },
      }),
    );
    return { ...base, botId, token, secret, accountId: account.id };
  };

  const post = (s: TgShop, update: unknown, secret: string | null = s.secret) => {
    const r = request(p.app).post(`/webhooks/telegram/${s.botId}`);
    return (secret === null ? r : r.set('X-Telegram-Bot-Api-Secret-Token', secret)).send(update as object);
  };

  const sentTo = (s: TgShop, chatId: number) => tg.sent(s.token).filter((m) => m.chatId === String(chatId));

  const linkCode = async (s: TestShop): Promise<string> => {
    const code = `TG${randomUUID().slice(0, 6).toUpperCase()}`;
    await p.tdb.withTenant(s.tenantId, async (tx) => {
      const user = await tx.user.findFirstOrThrow({ where: { role: 'staff' } });
      await tx.linkCode.create({ data: { tenantId: s.tenantId, userId: user.id, codeHash: hashToken(code), expiresAt: new Date(Date.now() + 600_000) } });
    });
    return code;
  };

  const inboundCount = (s: TestShop) =>
    p.tdb.withTenant(s.tenantId, (tx) => tx.message.count({ where: { direction: 'in', channelAccount: { kind: 'telegram' } } }));

  beforeAll(async () => {
    tg = await startFakeTelegram();
    p = await createTestPlatform({ platform: { channels: [...otherChannels(), telegramChannel({ apiRoot: tg.url })] } });
    await p.startWorkers();
    shop = await addTelegramShop();
  });
  afterAll(async () => {
    await p?.close();
    await tg?.close();
  });

  it('links a staff member with a one-time code, runs /os and /status, and the web chat customer is told', async () => {
    const staff = { id: randomInt(1e6, 1e9), firstName: 'Lucas', username: 'lucas_mec' };
    const code = await linkCode(shop);
    expect((await post(shop, textUpdate(staff, `/vincular ${code}`))).status).toBe(200);
    await waitFor(async () => sentTo(shop, staff.id), (m) => m.length === 1);
    expect(sentTo(shop, staff.id)[0]!.text).toMatch(/Pronto, Lucas/);

    // A customer on the web chat gets a quote and approves it: staff are notified on Telegram.
    const s = newSession();
    const say = async (text: string, n: number) => {
      expect((await request(p.app).post(`/api/chat/${shop.slug}`).send({ sessionId: s, text })).status).toBe(202);
      return waitFor(() => repliesFor(p, shop, s), (m) => m.length >= n && m.every((x) => x.status === 'sent'));
    };
    await say('oi, quanto fica a troca de óleo da minha titan 2019?', 1);
    await say('uns 32 mil', 2);
    await say('Carlos Souza', 4);
    await say('pode fazer', 5);
    const order = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.serviceOrder.findFirstOrThrow({ where: { customer: { identities: { some: { address: s } } } } }),
    );
    const approvedNote = await waitFor(async () => sentTo(shop, staff.id), (m) => m.some((x) => /aprovado/i.test(x.text)));
    const note = approvedNote.find((x) => /aprovado/i.test(x.text))!;
    expect(JSON.stringify(note.body.reply_markup)).toContain(`/status ${order.number} em execucao`);

    // /os lists the order.
    await post(shop, textUpdate(staff, '/os'));
    await waitFor(async () => sentTo(shop, staff.id), (m) => m.some((x) => x.text.includes(`#${order.number}`) && /OS abertas/.test(x.text)));

    // Tapping the notification's button moves the order into execution; the customer hears of it.
    const tap = callbackUpdate(staff, `/status ${order.number} em execucao`, { title: 'Marcar em execução' });
    expect((await post(shop, tap)).status).toBe(200);
    await waitFor(async () => sentTo(shop, staff.id), (m) => m.some((x) => x.text.includes(`OS #${order.number} agora está`)));
    expect(tg.calls.some((c) => c.method === 'answerCallbackQuery' && c.body.callback_query_id === tap.callback_query.id)).toBe(true);
    await waitFor(() => repliesFor(p, shop, s), (m) => m.length >= 6 && m.every((x) => x.status === 'sent'));

    await post(shop, textUpdate(staff, `/status ${order.number} pronta`));
    const replies = await waitFor(() => repliesFor(p, shop, s), (m) => m.length >= 7 && m.every((x) => x.status === 'sent'));
    expect(replies.at(-1)!.text).toMatch(/pront/i);
    const status = await p.tdb.withTenant(shop.tenantId, (tx) => tx.serviceOrder.findUniqueOrThrow({ where: { id: order.id } }));
    expect(status.status).toBe('pronta');
  });

  it('notifies every linked staff member who may still log in, and never a blocked one', async () => {
    const s2 = await addTelegramShop();
    const [active, blocked] = [randomInt(1e6, 1e9), randomInt(1e6, 1e9)];
    await p.tdb.withTenant(s2.tenantId, async (tx) => {
      for (const [chat, blockedAt] of [[active, null], [blocked, new Date()]] as const) {
        const user = await tx.user.create({
          data: { tenantId: s2.tenantId, email: `staff-${chat}@teste.local`, name: `Staff ${chat}`, passwordHash: 'x', role: 'staff', blockedAt },
        });
        await tx.telegramLink.create({ data: { tenantId: s2.tenantId, userId: user.id, telegramUserId: String(chat), chatId: String(chat) } });
      }
    });
    const session = newSession();
    expect((await request(p.app).post(`/api/chat/${s2.slug}`).send({ sessionId: session, text: 'quero falar com um atendente' })).status).toBe(202);
    const notes = await waitFor(async () => sentTo(s2, active), (m) => m.length >= 1);
    expect(notes[0]!.text).toMatch(/atendente|humano|conversa/i);
    await settle();
    expect(sentTo(s2, blocked)).toEqual([]);
  });

  it('refuses staff commands from an unlinked user politely', async () => {
    const stranger = { id: randomInt(1e6, 1e9) };
    expect((await post(shop, textUpdate(stranger, '/os'))).status).toBe(200);
    const [m] = await waitFor(async () => sentTo(shop, stranger.id), (x) => x.length === 1);
    expect(m!.text).toMatch(/não está vinculado/);
  });

  it('lets a customer chat through the same bot and answers with sendMessage, buttons as an inline keyboard', async () => {
    const customer = { id: randomInt(1e6, 1e9), firstName: 'Ana' };
    await post(shop, textUpdate(customer, '/start'));
    const first = await waitFor(async () => sentTo(shop, customer.id), (m) => m.length >= 1);
    expect(first[0]!.text.length).toBeGreaterThan(5);
    const keyboard = first.find((m) => m.body.reply_markup)?.body.reply_markup as { inline_keyboard: { text: string; callback_data: string }[][] };
    const option = keyboard?.inline_keyboard.flat()[0];
    expect(option?.callback_data).toBeTruthy();
    // Tapping one of the reply's buttons reaches the flow as a choice and is answered.
    await post(shop, callbackUpdate(customer, option!.callback_data, { title: option!.text }));
    await waitFor(async () => sentTo(shop, customer.id), (m) => m.length >= 2);
    const inbound = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.message.findMany({ where: { direction: 'in', conversation: { replyTo: String(customer.id) } }, orderBy: { createdAt: 'asc' } }),
    );
    expect(inbound.map((m) => m.text)).toEqual(['Oi', option!.text]);
    expect((inbound[1]!.payload as { choice: { id: string } }).choice.id).toBe(option!.callback_data);
    await waitFor(
      () => p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findMany({ where: { direction: 'out', conversation: { replyTo: String(customer.id) } } })),
      (m) => m.length >= 2 && m.every((x) => x.status === 'sent'),
    );
  });

  it('stores and answers a redelivered update once', async () => {
    const customer = { id: randomInt(1e6, 1e9) };
    const update = textUpdate(customer, 'oi');
    const before = await inboundCount(shop);
    const results = await Promise.all([post(shop, update), post(shop, update)]);
    expect(results.map((r) => r.status)).toEqual([200, 200]);
    expect((await post(shop, update)).status).toBe(200);
    await waitFor(async () => sentTo(shop, customer.id), (m) => m.length >= 1);
    await settle();
    expect(await inboundCount(shop)).toBe(before + 1);
    expect(sentTo(shop, customer.id)).toHaveLength(1);
  });

  it('runs a redelivered staff command once', async () => {
    const staff = { id: randomInt(1e6, 1e9) };
    const code = await linkCode(shop);
    const update = textUpdate(staff, `/vincular ${code}`);
    await post(shop, update);
    await post(shop, update);
    await settle(300);
    expect(sentTo(shop, staff.id)).toHaveLength(1);
    expect(sentTo(shop, staff.id)[0]!.text).toMatch(/Pronto/);
  });

  it('rejects wrong or missing secrets (401), unknown bots (404), malformed bodies (400) and keeps serving', async () => {
    const customer = { id: randomInt(1e6, 1e9) };
    const before = await inboundCount(shop);
    expect((await post(shop, textUpdate(customer, 'oi'), 'errado')).status).toBe(401);
    expect((await post(shop, textUpdate(customer, 'oi'), null)).status).toBe(401);
    expect((await request(p.app).post('/webhooks/telegram/999999999999').set('X-Telegram-Bot-Api-Secret-Token', shop.secret).send(textUpdate(customer, 'oi'))).status).toBe(404);
    expect((await request(p.app).post('/webhooks/telegram/abc').send({})).status).toBe(404);
    const bad = await request(p.app)
      .post(`/webhooks/telegram/${shop.botId}`)
      .set('X-Telegram-Bot-Api-Secret-Token', shop.secret)
      .set('content-type', 'application/json')
      .send('{"update_id": 1, "message": ');
    expect(bad.status).toBe(400);
    expect((await post(shop, { update_id: 'nope' })).status).toBe(400);
    const huge = await post(shop, textUpdate(customer, 'x'.repeat(2 * 1024 * 1024)));
    expect(huge.status).toBe(413);
    await settle(200);
    expect(await inboundCount(shop)).toBe(before);
    expect(sentTo(shop, customer.id)).toHaveLength(0);
    // Still serving.
    expect((await post(shop, textUpdate(customer, 'oi'))).status).toBe(200);
    await waitFor(async () => sentTo(shop, customer.id), (m) => m.length === 1);
  });

  it('a Pix reply whose code was throttled (429) resumes on retry: the text and the code each reach the chat once', async () => {
    const customer = { id: randomInt(1e6, 1e9), firstName: 'Carlos' };
    const chat = String(customer.id);
    const got = async () => tg.delivered(shop.token).filter((m) => m.chatId === chat);
    const say = async (text: string, until: (texts: string[]) => boolean) => {
      expect((await post(shop, textUpdate(customer, text))).status).toBe(200);
      return waitFor(async () => (await got()).map((m) => m.text), until);
    };
    await say('oi, quanto fica a troca de óleo da minha titan 2019?', (t) => t.length >= 1);
    const afterKm = await say('uns 32 mil', (t) => t.some((x) => /Orçamento da OS|nome/i.test(x)));
    if (!afterKm.some((x) => /Orçamento da OS/.test(x))) await say('Carlos Souza', (t) => t.some((x) => /Orçamento da OS/.test(x)));
    await say('pode fazer', (t) => t.some((x) => /Aprovado/.test(x)));

    const isCode = (body: Record<string, unknown>) => body.chat_id === chat && String(body.text).startsWith('<code>');
    tg.failNext('sendMessage', { code: 429, retryAfter: 1 }, 1, isCode);
    expect((await post(shop, textUpdate(customer, 'quero pagar no pix'))).status).toBe(200);
    const pixRow = async () =>
      (await p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findMany({ where: { direction: 'out', conversation: { replyTo: chat } } }))).find(
        (m) => (m.payload as { copyText?: string } | null)?.copyText,
      );
    const row = (await waitFor(pixRow, (m) => m?.status === 'sent', 15_000))!;
    const code = (row.payload as { copyText: string }).copyText;
    const delivered = await got();
    expect(delivered.filter((m) => m.text.startsWith(row.text!))).toHaveLength(1);
    expect(delivered.filter((m) => m.text === `<code>${code}</code>`)).toHaveLength(1);
    // The throttled attempt did reach Telegram, and the text was not asked for again.
    expect(tg.sent(shop.token).filter((m) => m.chatId === chat && isCode(m.body))).toHaveLength(2);
    expect(row).toMatchObject({ partsSent: 2, attempts: 2, error: null });
    const first = delivered.find((m) => m.text.startsWith(row.text!))!;
    expect(row.channelMessageId).toMatch(new RegExp(`^${chat}:\\d+$`));
    expect(delivered.indexOf(first)).toBeLessThan(delivered.findIndex((m) => m.text.startsWith('<code>')));
  });

  it('retries a send that Telegram throttled (429) and gives up for good on a blocked bot (403)', async () => {
    const customer = { id: randomInt(1e6, 1e9) };
    tg.failNext('sendMessage', { code: 429, retryAfter: 1 });
    await post(shop, textUpdate(customer, 'oi'));
    await waitFor(async () => sentTo(shop, customer.id), (m) => m.length >= 1, 15_000);
    const sent = await p.tdb.withTenant(shop.tenantId, (tx) =>
      tx.message.findMany({ where: { direction: 'out', conversation: { replyTo: String(customer.id) } } }),
    );
    expect(sent).toHaveLength(1);
    await waitFor(
      () => p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findUniqueOrThrow({ where: { id: sent[0]!.id } })),
      (m) => m.status === 'sent',
    );
    // The throttled attempt and the retry both reached Telegram; the customer got one message.
    expect(tg.calls.filter((c) => c.method === 'sendMessage' && c.body.chat_id === String(customer.id))).toHaveLength(2);
    expect(sentTo(shop, customer.id)).toHaveLength(2); // the fake records the refused call too

    const blocked = { id: randomInt(1e6, 1e9) };
    tg.failNext('sendMessage', { code: 403 }, 20);
    await post(shop, textUpdate(blocked, 'oi'));
    const failed = await waitFor(
      () => p.tdb.withTenant(shop.tenantId, (tx) => tx.message.findMany({ where: { direction: 'out', conversation: { replyTo: String(blocked.id) } } })),
      (m) => m.length === 1 && m[0]!.status !== 'queued' && !!m[0]!.error,
    );
    expect(failed[0]!.error).toMatch(/403/);
  });
});

describe('telegram channel (long polling, zero-config)', () => {
  it('fetches updates with getUpdates and answers them', async () => {
    const tg = await startFakeTelegram();
    const setup = await createTestPlatform();
    const base = await seedShop(setup);
    const botId = randomInt(100_000_000, 2_000_000_000);
    const token = tg.addBot(botId);
    await setup.tdb.withTenant(base.tenantId, (tx) =>
      tx.channelAccount.create({
        data: { tenantId: base.tenantId, kind: 'telegram', externalId: String(botId), secretsEnc: setup.secrets.seal({ token }), settings: { mode: 'polling' } },
      }),
    );
    await setup.close();
    // The API root comes from the platform's config (TELEGRAM_API_ROOT) when not passed.
    const p = await createTestPlatform({
      loops: ['telegram'],
      env: { TELEGRAM_API_ROOT: tg.url },
      platform: { channels: [...otherChannels(), telegramChannel({ pollTimeoutSeconds: 1 })] },
    });
    try {
      await p.startWorkers();
      const customer = { id: randomInt(1e6, 1e9) };
      const update = textUpdate(customer, 'oi');
      tg.queueUpdate(token, update);
      tg.queueUpdate(token, update); // delivered twice: answered once
      await waitFor(async () => tg.sent(token).filter((m) => m.chatId === String(customer.id)), (m) => m.length >= 1);
      await settle();
      expect(tg.sent(token).filter((m) => m.chatId === String(customer.id))).toHaveLength(1);
      expect(tg.calls.some((c) => c.token === token && c.method === 'deleteWebhook')).toBe(true);
    } finally {
      await p.close();
      await tg.close();
    }
  });
});

describe('telegram staff notification buttons', () => {
  it('offers the next step as one tap: start work after approval, take over a handoff', () => {
    expect(notificationButtons('approved', 12).map((b) => b.id)).toEqual(['/status 12 em execucao', '/os 12']);
    expect(notificationButtons('handoff', 12)).toEqual([{ id: '/assumir 12', title: 'Assumir conversa' }]);
    expect(notificationButtons('handoff', null).map((b) => b.id)).toEqual(['/assumir']);
    expect(notificationButtons('new_order', 3).map((b) => b.id)).toEqual(['/os 3', '/orcamento 3']);
  });
});
