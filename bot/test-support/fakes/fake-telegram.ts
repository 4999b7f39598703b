import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readBody, sendJson as reply } from './http';

/**
 * A small Telegram Bot API server for tests: `POST /bot<token>/<method>` with JSON bodies,
 * answering in the Bot API's envelope (`{ ok: true, result }` / `{ ok: false, error_code,
 * description, parameters }`). Records every call; can be told to fail the next calls, or
 * the next ones matching a body (429 with retry_after, 403 bot blocked, 500); serves queued
 * updates to getUpdates.
 */
export interface TelegramCall {
  readonly token: string;
  readonly method: string;
  readonly body: Record<string, unknown>;
}

export interface FakeTelegram {
  /** The API root to give grammY (`client.apiRoot`). */
  readonly url: string;
  readonly calls: TelegramCall[];
  /** Registers a bot; returns its token ("<id>:<secret>"). */
  addBot(id: number, username?: string): string;
  /** The next `times` calls of `method` (only those `match` accepts, when given) fail with this error. */
  failNext(
    method: string,
    error: { code: 429; retryAfter: number } | { code: 403 | 400 | 401 | 500 },
    times?: number,
    match?: (body: Record<string, unknown>) => boolean,
  ): void;
  /** Stores a voice note's bytes under a file id (served by getFile and /file/bot<token>/...). */
  addVoiceFile(fileId: string, bytes: Buffer): void;
  /** Queues an update for getUpdates (long polling). */
  queueUpdate(token: string, update: Record<string, unknown>): void;
  /** sendMessage calls as received, refused ones included. */
  sent(token?: string): { chatId: string; text: string; body: Record<string, unknown> }[];
  /** Messages that reached a chat: the sendMessage calls answered ok. */
  delivered(token?: string): { chatId: string; text: string; body: Record<string, unknown> }[];
  close(): Promise<void>;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'Bad Request: chat not found',
  401: 'Unauthorized',
  403: 'Forbidden: bot was blocked by the user',
  429: 'Too Many Requests: retry after',
  500: 'Internal Server Error',
};

export const startFakeTelegram = async (): Promise<FakeTelegram> => {
  const bots = new Map<string, { id: number; username: string }>();
  const calls: TelegramCall[] = [];
  const failures: { method: string; code: number; retryAfter?: number; match?: (body: Record<string, unknown>) => boolean }[] = [];
  const delivered: TelegramCall[] = [];
  const updates = new Map<string, Record<string, unknown>[]>();
  const waiters = new Set<() => void>();
  let messageId = 1000;

  const error = (res: ServerResponse, code: number, retryAfter?: number) =>
    reply(res, code, {
      ok: false,
      error_code: code,
      description: code === 429 ? `${DESCRIPTIONS[429]} ${retryAfter}` : (DESCRIPTIONS[code] ?? 'Error'),
      ...(retryAfter !== undefined ? { parameters: { retry_after: retryAfter } } : {}),
    });

  const getUpdates = async (token: string, body: Record<string, unknown>): Promise<unknown[]> => {
    const offset = typeof body.offset === 'number' ? body.offset : 0;
    const pending = () => (updates.get(token) ?? []).filter((u) => (u.update_id as number) >= offset);
    const timeoutMs = Math.min(Number(body.timeout ?? 0), 2) * 1000;
    const end = Date.now() + timeoutMs;
    while (pending().length === 0 && Date.now() < end) {
      await new Promise<void>((r) => {
        const wake = () => (waiters.delete(wake), r());
        waiters.add(wake);
        setTimeout(wake, Math.max(1, end - Date.now()));
      });
    }
    updates.set(token, pending()); // confirmed ones are forgotten, as Telegram does
    return pending().slice(0, Number(body.limit ?? 100));
  };

  const files = new Map<string, Buffer>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const download = /^\/file\/bot([^/]+)\/(.+)$/.exec(req.url ?? '');
    if (req.method === 'GET' && download) {
      const bytes = bots.has(download[1]!) ? files.get(download[2]!) : undefined;
      if (!bytes) return error(res, 404);
      res.writeHead(200, { 'content-type': 'audio/ogg' });
      return void res.end(bytes);
    }
    const m = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? '');
    if (req.method !== 'POST' || !m) return error(res, 404);
    const [, token, method] = m as unknown as [string, string, string];
    const raw = await readBody(req);
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return error(res, 400);
    }
    calls.push({ token, method, body });
    const bot = bots.get(token);
    if (!bot) return error(res, 401);
    const fail = failures.findIndex((f) => f.method === method && (!f.match || f.match(body)));
    if (fail >= 0) {
      const [f] = failures.splice(fail, 1);
      return error(res, f!.code, f!.retryAfter);
    }
    const date = Math.floor(Date.now() / 1000);
    switch (method) {
      case 'getMe':
        return reply(res, 200, {
          ok: true,
          result: { id: bot.id, is_bot: true, first_name: 'Oficina', username: bot.username, can_join_groups: true, can_read_all_group_messages: false, supports_inline_queries: false, can_connect_to_business: false, has_main_web_app: false },
        });
      case 'sendMessage':
        delivered.push({ token, method, body });
        return reply(res, 200, {
          ok: true,
          result: { message_id: ++messageId, date, chat: { id: Number(body.chat_id), type: 'private' }, text: body.text, ...(body.reply_markup ? { reply_markup: body.reply_markup } : {}) },
        });
      case 'getUpdates':
        return reply(res, 200, { ok: true, result: await getUpdates(token, body) });
      case 'getFile': {
        const fileId = String(body.file_id ?? '');
        if (!files.has(`voice/${fileId}.oga`)) return error(res, 400);
        return reply(res, 200, { ok: true, result: { file_id: fileId, file_unique_id: fileId, file_size: files.get(`voice/${fileId}.oga`)!.length, file_path: `voice/${fileId}.oga` } });
      }
      case 'answerCallbackQuery':
      case 'setWebhook':
      case 'deleteWebhook':
      case 'editMessageReplyMarkup':
        return reply(res, 200, { ok: true, result: true });
      default:
        return error(res, 404);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => error(res, 500));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    addBot: (id, username = `oficina_${id}_bot`) => {
      const token = `${id}:AAH${Buffer.from(String(id)).toString('hex').padEnd(32, 'x')}`;
      bots.set(token, { id, username });
      return token;
    },
    addVoiceFile: (fileId, bytes) => void files.set(`voice/${fileId}.oga`, bytes),
    failNext: (method, e, times = 1, match) => {
      for (let i = 0; i < times; i++) failures.push({ method, code: e.code, match, ...('retryAfter' in e ? { retryAfter: e.retryAfter } : {}) });
    },
    queueUpdate: (token, update) => {
      updates.set(token, [...(updates.get(token) ?? []), update]);
      for (const w of [...waiters]) w();
    },
    sent: (token) =>
      calls
        .filter((c) => c.method === 'sendMessage' && (!token || c.token === token))
        .map((c) => ({ chatId: String(c.body.chat_id), text: String(c.body.text), body: c.body })),
    delivered: (token) =>
      delivered
        .filter((c) => !token || c.token === token)
        .map((c) => ({ chatId: String(c.body.chat_id), text: String(c.body.text), body: c.body })),
    close: () =>
      new Promise<void>((r) => {
        for (const w of [...waiters]) w();
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
};

// ---- realistic Update payloads (https://core.telegram.org/bots/api#update) ----------

let nextUpdateId = 500_000;
let nextMessageId = 1;

export interface TgUser {
  readonly id: number;
  readonly firstName?: string;
  readonly username?: string;
}

const userOf = (u: TgUser) => ({ id: u.id, is_bot: false, first_name: u.firstName ?? 'João', ...(u.username ? { username: u.username } : {}), language_code: 'pt-br' });

/** A private-chat text message update. */
export const textUpdate = (from: TgUser, text: string, o: { updateId?: number; messageId?: number } = {}) => {
  const isCommand = text.startsWith('/');
  return {
    update_id: o.updateId ?? nextUpdateId++,
    message: {
      message_id: o.messageId ?? nextMessageId++,
      from: userOf(from),
      chat: { id: from.id, first_name: from.firstName ?? 'João', ...(from.username ? { username: from.username } : {}), type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(isCommand ? { entities: [{ offset: 0, length: text.split(' ')[0]!.length, type: 'bot_command' }] } : {}),
    },
  };
};

/** A tap on an inline button of a message the bot sent. */
export const callbackUpdate = (from: TgUser, data: string, o: { title?: string; updateId?: number } = {}) => ({
  update_id: o.updateId ?? nextUpdateId++,
  callback_query: {
    id: `${from.id}${nextMessageId++}`,
    from: userOf(from),
    chat_instance: '-1234567890',
    data,
    message: {
      message_id: nextMessageId++,
      from: { id: 1, is_bot: true, first_name: 'Oficina', username: 'oficina_bot' },
      chat: { id: from.id, first_name: from.firstName ?? 'João', type: 'private' },
      date: Math.floor(Date.now() / 1000),
      text: 'Escolha uma opção',
      reply_markup: { inline_keyboard: [[{ text: o.title ?? data, callback_data: data }]] },
    },
  },
});

/** A private-chat voice note update (OGG/Opus), as Telegram sends it. */
export const voiceUpdate = (from: TgUser, fileId: string) => ({
  update_id: nextUpdateId++,
  message: {
    message_id: nextMessageId++,
    from: userOf(from),
    chat: { id: from.id, first_name: from.firstName ?? 'João', type: 'private' },
    date: Math.floor(Date.now() / 1000),
    voice: { duration: 3, mime_type: 'audio/ogg', file_id: fileId, file_unique_id: fileId, file_size: 1234 },
  },
});
