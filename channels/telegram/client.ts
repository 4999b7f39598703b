import { Bot, GrammyError } from 'grammy';
import type { TelegramSendParams } from './to-outbound';

export const DEFAULT_API_ROOT = 'https://api.telegram.org';

/** A grammY bot for one shop's token, talking to the configured API root. */
export const createTelegramBot = (token: string, apiRoot: string = DEFAULT_API_ROOT): Bot =>
  new Bot(token, { client: { apiRoot, timeoutSeconds: 30 } });

/** The bot's numeric id: the part of its token before ':'. */
export const botIdOfToken = (token: string): string | null => /^(\d{1,20}):[A-Za-z0-9_-]{20,}$/.exec(token)?.[1] ?? null;

/** Delivers the rendered calls in order; returns the id of the first message (the reply itself). */
export const sendRendered = async (bot: Bot, calls: readonly TelegramSendParams[]): Promise<string | null> => {
  let first: string | null = null;
  for (const { chat_id, text, ...other } of calls) {
    const sent = await bot.api.sendMessage(chat_id, text, other);
    first ??= `${sent.chat.id}:${sent.message_id}`;
  }
  return first;
};

export type TelegramFailure =
  | { readonly kind: 'retry'; readonly retryAfterSeconds: number; readonly description: string }
  | { readonly kind: 'permanent'; readonly code: 'BLOCKED' | 'BAD_TOKEN' | 'BAD_REQUEST'; readonly description: string }
  | { readonly kind: 'transient'; readonly description: string };

/** What a failed Bot API call means for a retry: flood control waits, a blocked bot never recovers. */
export const classifyTelegramError = (err: unknown): TelegramFailure => {
  if (err instanceof GrammyError) {
    const description = `${err.error_code} ${err.description}`;
    if (err.error_code === 429) return { kind: 'retry', retryAfterSeconds: err.parameters.retry_after ?? 1, description };
    if (err.error_code === 403) return { kind: 'permanent', code: 'BLOCKED', description };
    if (err.error_code === 401 || err.error_code === 404) return { kind: 'permanent', code: 'BAD_TOKEN', description };
    if (err.error_code === 400) return { kind: 'permanent', code: 'BAD_REQUEST', description };
    return { kind: 'transient', description };
  }
  return { kind: 'transient', description: err instanceof Error ? err.message : String(err) };
};
