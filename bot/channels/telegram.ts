import { createHash, randomUUID, timingSafeEqual } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { Bot } from 'grammy';
import { z } from 'zod';
import { telegramCapabilities } from '../../channels/telegram/capabilities';
import { classifyTelegramError, createTelegramBot, DEFAULT_API_ROOT, sendRendered } from '../../channels/telegram/client';
import { installTelegramHandlers } from '../../channels/telegram/handle-update';
import { telegramMessages } from '../../channels/telegram/messages';
import { telegramToOutbound } from '../../channels/telegram/to-outbound';
import { telegramUpdateSchema } from '../../channels/telegram/update-schema';
import type { Button } from '../../core/messaging/types';
import { deliverParts, PermanentSendError, type ChannelSender } from '../pipeline/senders';
import type { StaffNotifier } from '../pipeline/run-effect';
import type { ChannelModule, ChannelRuntime } from './module';

/**
 * Options: `apiRoot` defaults to the runtime's TELEGRAM_API_ROOT (then api.telegram.org);
 * `pollTimeoutSeconds` is getUpdates' long-poll timeout (TELEGRAM_POLL_TIMEOUT_SECONDS, 25).
 */
export const telegramOptionsSchema = z.object({
  apiRoot: z.string().url().optional(),
  pollTimeoutSeconds: z.coerce.number().int().min(0).max(50).default(25),
});
export type TelegramOptions = z.input<typeof telegramOptionsSchema>;

const telegramSecretsSchema = z.object({ token: z.string().min(10), webhookSecret: z.string().min(1).optional() });

/** Telegram asked us to wait (flood control): the send queue retries with backoff. */
export class TelegramRetryAfterError extends Error {
  constructor(readonly retryAfterSeconds: number, description: string) {
    super(`Telegram pediu para esperar ${retryAfterSeconds}s: ${description}`);
    this.name = 'TelegramRetryAfterError';
  }
}

interface Account {
  readonly channelAccountId: string;
  readonly tenantId: string;
  readonly botId: string;
  readonly token: string;
  readonly webhookSecret: string | null;
}

const BOT_ID = /^\d{1,20}$/;

const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());

/** One shop's bot, per channel account, in Telegram. */
export const telegramChannel = (input: TelegramOptions = {}): ChannelModule => {
  const opts = telegramOptionsSchema.parse(input);
  /** grammY bots with our handlers, per account and token; initialised (getMe) once. */
  const bots = new Map<string, { bot: Bot; ready: Promise<void> }>();
  const plainBots = new Map<string, Bot>();

  const apiRootOf = (rt: ChannelRuntime): string => opts.apiRoot ?? rt.config.TELEGRAM_API_ROOT ?? DEFAULT_API_ROOT;

  const plainBot = (rt: ChannelRuntime, token: string): Bot => {
    let bot = plainBots.get(token);
    if (!bot) plainBots.set(token, (bot = createTelegramBot(token, apiRootOf(rt))));
    return bot;
  };

  const openAccount = async (rt: ChannelRuntime, botId: string): Promise<Account | null> => {
    if (!BOT_ID.test(botId)) return null;
    const found = await rt.tdb.lookup.channelAccount('telegram', botId);
    if (!found || found.status !== 'active') return null;
    const row = await rt.tdb.withTenant(found.tenantId, (tx) => tx.channelAccount.findUnique({ where: { id: found.channelAccountId } }));
    if (!row?.secretsEnc) return null;
    const secrets = telegramSecretsSchema.safeParse(rt.secrets.openJson<Record<string, string>>(row.secretsEnc));
    if (!secrets.success) return null;
    return { channelAccountId: row.id, tenantId: row.tenantId, botId, token: secrets.data.token, webhookSecret: secrets.data.webhookSecret ?? null };
  };

  const handlingBot = async (rt: ChannelRuntime, account: Account): Promise<Bot> => {
    const key = `${account.channelAccountId}:${createHash('sha256').update(account.token).digest('hex')}`;
    let entry = bots.get(key);
    if (!entry) {
      const bot = createTelegramBot(account.token, apiRootOf(rt));
      installTelegramHandlers(bot, portsFor(rt, account));
      entry = { bot, ready: bot.init() };
      bots.set(key, entry);
      entry.ready.catch(() => bots.delete(key));
    }
    await entry.ready;
    return entry.bot;
  };

  const portsFor = (rt: ChannelRuntime, account: Account) => ({
    channelAccountId: account.channelAccountId,
    now: rt.now,
    isStaff: (telegramUserId: string) =>
      rt.tdb.withTenant(account.tenantId, async (tx) => {
        const link = await tx.telegramLink.findUnique({
          where: { tenantId_telegramUserId: { tenantId: account.tenantId, telegramUserId } },
          include: { user: true },
        });
        return !!link && link.user.active && !link.user.blockedAt;
      }),
    claimUpdate: (updateId: number) =>
      rt.tdb.withTenant(account.tenantId, async (tx) => {
        const r = await tx.telegramUpdate.createMany({
          data: [{ tenantId: account.tenantId, channelAccountId: account.channelAccountId, updateId: BigInt(updateId) }],
          skipDuplicates: true,
        });
        return r.count === 1;
      }),
    releaseUpdate: async (updateId: number) => {
      await rt.tdb.withTenant(account.tenantId, (tx) =>
        tx.telegramUpdate.deleteMany({ where: { channelAccountId: account.channelAccountId, updateId: BigInt(updateId) } }),
      );
    },
    runStaffCommand: (i: { telegramUserId: string; chatId: string; username: string | null; text: string }) =>
      rt.runStaffCommand({ tenantId: account.tenantId, ...i }),
    ingest: (m: unknown) => rt.ingest(m),
  });

  const webhook = (rt: ChannelRuntime) => async (req: Request, res: Response) => {
    const botId = String(req.params.botId ?? '');
    const account = await openAccount(rt, botId);
    if (!account) return void res.status(404).json({ code: 'UNKNOWN_BOT', message: 'Bot não encontrado.' });
    const given = req.get('x-telegram-bot-api-secret-token');
    if (!account.webhookSecret || !given || !sameSecret(given, account.webhookSecret)) {
      rt.logger.warn({ botId, reason: given ? 'wrong_secret' : 'missing_secret' }, 'telegram webhook refused');
      return void res.status(401).json({ code: 'BAD_SECRET', message: 'Token secreto inválido.' });
    }
    const update = telegramUpdateSchema.safeParse(req.body);
    if (!update.success) return void res.status(400).json({ code: 'INVALID_UPDATE', message: 'Update do Telegram inválido.' });
    try {
      const bot = await handlingBot(rt, account);
      await bot.handleUpdate(req.body as Parameters<Bot['handleUpdate']>[0]);
      res.status(200).json({ ok: true });
    } catch (err) {
      // Telegram redelivers on a non-2xx answer; the pipeline and the update claim dedupe it.
      rt.logger.error({ botId, updateId: update.data.update_id, err: (err as Error).message }, 'telegram update failed');
      res.status(500).json({ code: 'INTERNAL', message: 'Erro interno. Tente novamente em instantes.' });
    }
  };

  const sender = (rt: ChannelRuntime): ChannelSender => ({
    send: async ({ account, to, message, ...progress }) => {
      const secrets = telegramSecretsSchema.safeParse(account.secrets);
      if (!secrets.success) throw new PermanentSendError('bot do Telegram sem token configurado', 'NO_TOKEN');
      const bot = plainBot(rt, secrets.data.token);
      // The reply, then the Pix code as its own message; each part is recorded as it goes
      // out (progress.onPartSent), so a retry after a failed code never resends the text.
      return deliverParts(telegramToOutbound(message, to), progress, async ({ chat_id, text, ...other }) => {
        try {
          const sent = await bot.api.sendMessage(chat_id, text, other);
          return `${sent.chat.id}:${sent.message_id}`;
        } catch (err) {
          const f = classifyTelegramError(err);
          if (f.kind === 'retry') throw new TelegramRetryAfterError(f.retryAfterSeconds, f.description);
          if (f.kind === 'permanent') throw new PermanentSendError(`Telegram recusou o envio: ${f.description}`, f.code);
          throw new Error(`falha ao falar com o Telegram: ${f.description}`);
        }
      });
    },
  });

  const notifier = (rt: ChannelRuntime): StaffNotifier => ({
    notify: async (tenantId, n) => {
      // The shop's bot, its linked staff who may still log in, and the order's number: one statement.
      const [target] = await rt.tdb.withTenantSql(tenantId, (sql) =>
        sql.query<{ secrets_enc: string | null; chats: string[]; order_number: number | null }>(
          `SELECT (SELECT a.secrets_enc FROM channel_accounts a WHERE a.kind = 'telegram' AND a.status = 'active' ORDER BY a.created_at LIMIT 1) AS secrets_enc,
                  ARRAY(SELECT l.chat_id FROM telegram_links l JOIN users u ON u.id = l.user_id WHERE u.active AND u.blocked_at IS NULL ORDER BY l.linked_at) AS chats,
                  (SELECT o.number FROM service_orders o WHERE o.id = $1::uuid) AS order_number`,
          [n.orderId ?? null],
        ),
      );
      if (!target?.secrets_enc || !target.chats.length) return;
      const secrets = telegramSecretsSchema.safeParse(rt.secrets.openJson<Record<string, string>>(target.secrets_enc));
      if (!secrets.success) return;
      const bot = plainBot(rt, secrets.data.token);
      const text = `${telegramMessages.notificationTitle(n.kind)}\n${n.text}`;
      const buttons = notificationButtons(n.kind, target.order_number);
      await Promise.all(
        target.chats.map((chatId) =>
          sendRendered(bot, telegramToOutbound({ text, ...(buttons.length ? { buttons } : {}) }, chatId)).catch((err: unknown) => {
            rt.logger.warn({ notificationId: n.notificationId, err: classifyTelegramError(err).description }, 'telegram staff notification failed');
          }),
        ),
      );
    },
  });

  const start = async (rt: ChannelRuntime) => {
    const controller = new AbortController();
    const loops: Promise<void>[] = [];
    for (const ref of await pollingAccounts(rt)) {
      const account = await openAccount(rt, ref.botId);
      if (account) loops.push(pollLoop(rt, account, controller.signal));
    }
    return {
      stop: async () => {
        controller.abort();
        await Promise.allSettled(loops);
      },
    };
  };

  const pollLoop = async (rt: ChannelRuntime, account: Account, signal: AbortSignal): Promise<void> => {
    let offset = 0;
    let failures = 0;
    let webhookCleared = false;
    // grammY types its signal with the abort-controller polyfill; Node's is the same at run time.
    const sig = signal as unknown as Parameters<Bot['api']['getUpdates']>[1];
    while (!signal.aborted) {
      try {
        const bot = await handlingBot(rt, account);
        if (!webhookCleared) await bot.api.deleteWebhook({}, sig); // getUpdates is refused while a webhook is set
        webhookCleared = true;
        const updates = await bot.api.getUpdates({ offset, timeout: opts.pollTimeoutSeconds, allowed_updates: ['message', 'callback_query'] }, sig);
        for (const u of updates) {
          await bot.handleUpdate(u);
          offset = u.update_id + 1;
        }
        failures = 0;
      } catch (err) {
        if (signal.aborted) return;
        failures += 1;
        rt.logger.warn({ botId: account.botId, err: (err as Error).message, failures }, 'telegram polling failed; backing off');
        await sleep(Math.min(30_000, 500 * 2 ** Math.min(failures, 6)), signal);
      }
    }
  };

  /** A voice note's bytes: getFile, then the file URL (the token is in the path, per Telegram's API). */
  const fetchMedia = (rt: ChannelRuntime) => async (channelAccountId: string, fileId: string) => {
    const found = await rt.tdb.lookup.channelAccountById(channelAccountId);
    if (!found || found.kind !== 'telegram') throw new Error('conta Telegram não encontrada');
    const row = await rt.tdb.withTenant(found.tenantId, (tx) => tx.channelAccount.findUnique({ where: { id: channelAccountId } }));
    const secrets = row?.secretsEnc ? telegramSecretsSchema.safeParse(rt.secrets.openJson<Record<string, string>>(row.secretsEnc)) : null;
    if (!secrets?.success) throw new Error('token do Telegram ausente');
    const file = await plainBot(rt, secrets.data.token).api.getFile(fileId);
    if (!file.file_path) throw new Error('arquivo do Telegram indisponível');
    const res = await fetch(`${apiRootOf(rt).replace(/\/$/, '')}/file/bot${secrets.data.token}/${file.file_path}`, { signal: AbortSignal.timeout(15_000) });
    if (!res.ok) throw new Error(`download do Telegram falhou: ${res.status}`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > 20 * 1024 * 1024) throw new Error('áudio grande demais');
    return { bytes, mimeType: res.headers.get('content-type') };
  };

  return {
    kind: 'telegram',
    buttons: telegramCapabilities.buttons,
    sender,
    notifier,
    start,
    fetchMedia,
    routes: (rt) => {
      const router = Router();
      router.post('/webhooks/telegram/:botId', (req, res, next) => {
        webhook(rt)(req, res).catch(next);
      });
      return router;
    },
  };
};

/** One-tap follow-ups for staff: each button's data is the command it runs. */
export const notificationButtons = (kind: string, orderNumber: number | null): Button[] => {
  const b = telegramMessages.buttons;
  if (kind === 'handoff') return [{ id: orderNumber ? `/assumir ${orderNumber}` : '/assumir', title: b.takeOver }];
  if (orderNumber === null) return [];
  const view: Button = { id: `/os ${orderNumber}`, title: b.viewOrder };
  if (kind === 'approved' || kind === 'payment') return [{ id: `/status ${orderNumber} em execucao`, title: b.startWork }, view];
  if (kind === 'new_order' || kind === 'quote_review') return [view, { id: `/orcamento ${orderNumber}`, title: b.resendQuote }];
  return [view];
};

/** Bots set to long polling (settings.mode = 'polling'), through the SECURITY DEFINER lookup. */
const pollingAccounts = async (rt: ChannelRuntime): Promise<{ botId: string }[]> => {
  // The runtime has no raw pool; a transaction for a throwaway tenant id runs as the app
  // role, which may EXECUTE the function, and reads no tenant rows itself.
  const rows = await rt.tdb.withTenant(randomUUID(), (tx) =>
    tx.$queryRaw<{ external_id: string }[]>`SELECT external_id FROM telegram_polling_accounts()`,
  );
  return rows.map((r) => ({ botId: r.external_id }));
};

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(t), resolve()), { once: true });
  });
