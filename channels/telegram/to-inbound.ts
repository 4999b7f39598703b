import type { InboundMessage } from '../../core/messaging/types';
import type { ToInboundResult } from '../shared/adapter';
import { telegramUpdateSchema, type TelegramUpdate } from './update-schema';

/** Who wrote and what, whatever the update kind: what routing (staff or customer) needs. */
export interface TelegramTurn {
  readonly updateId: number;
  readonly userId: string;
  readonly chatId: string;
  readonly chatType: string;
  readonly username: string | null;
  readonly name: string | null;
  /** The typed text, or the tapped button's data. */
  readonly text: string;
  readonly callbackQueryId: string | null;
  readonly isBot: boolean;
  /** A voice note without text (customers only: staff commands are typed). */
  readonly voice?: { readonly fileId: string; readonly mimeType: string | null };
}

/** Telegram's first message to a bot is "/start"; to the shop's assistant it means hello. */
const START = /^\/start(?:@\w+)?(?:\s.*)?$/i;

const fullName = (u: { first_name?: string; last_name?: string }): string | null =>
  [u.first_name, u.last_name].filter(Boolean).join(' ').trim() || null;

/** Pure: the turn an update carries, or null for updates we do not act on. */
export const telegramTurnOf = (update: TelegramUpdate): TelegramTurn | null => {
  const cb = update.callback_query;
  if (cb) {
    const chat = cb.message?.chat;
    if (!cb.data || !chat) return null;
    return {
      updateId: update.update_id,
      userId: String(cb.from.id),
      chatId: String(chat.id),
      chatType: chat.type,
      username: cb.from.username ?? null,
      name: fullName(cb.from),
      text: cb.data,
      callbackQueryId: cb.id,
      isBot: cb.from.is_bot ?? false,
    };
  }
  const m = update.message;
  const text = (m?.text ?? m?.caption ?? '').trim();
  const voice = m?.voice ? { fileId: m.voice.file_id, mimeType: m.voice.mime_type ?? null } : undefined;
  if (!m || !m.from || (!text && !voice)) return null;
  return {
    ...(voice && !text ? { voice } : {}),
    updateId: update.update_id,
    userId: String(m.from.id),
    chatId: String(m.chat.id),
    chatType: m.chat.type,
    username: m.from.username ?? null,
    name: fullName(m.from),
    text,
    callbackQueryId: null,
    isBot: m.from.is_bot ?? false,
  };
};

/** The title of the inline button whose data was tapped, for the stored message text. */
const buttonTitle = (update: TelegramUpdate, data: string): string | undefined =>
  update.callback_query?.message?.reply_markup?.inline_keyboard.flat().find((b) => b.callback_data === data)?.text;

/**
 * Pure: a customer's update as the core's InboundMessage. The address is the chat id
 * (a private chat's id is the user's id); the dedupe key is `${chat}:${message_id}` for
 * messages and the callback query id for taps, both stable across redeliveries.
 */
export const telegramToInbound = (raw: unknown, ctx: { readonly channelAccountId: string; readonly now: Date }): ToInboundResult => {
  const parsed = telegramUpdateSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: parsed.error.issues[0]?.message ?? 'update inválido' };
  const update = parsed.data;
  const turn = telegramTurnOf(update);
  if (!turn || turn.isBot) return { ok: true, messages: [] };
  const from = { kind: 'telegram' as const, address: turn.chatId, ...(turn.name ? { name: turn.name.slice(0, 200) } : {}) };
  const receivedAt = ctx.now.toISOString();
  if (turn.callbackQueryId) {
    const title = buttonTitle(update, turn.text);
    const message: InboundMessage = {
      channelAccountId: ctx.channelAccountId,
      externalMessageId: `cb:${turn.callbackQueryId}`,
      from,
      text: title ?? turn.text,
      choice: { id: turn.text, ...(title ? { title } : {}) },
      receivedAt,
    };
    return { ok: true, messages: [message] };
  }
  const m = update.message!;
  const message: InboundMessage = {
    channelAccountId: ctx.channelAccountId,
    externalMessageId: `${m.chat.id}:${m.message_id}`,
    from,
    ...(turn.voice
      ? { media: { kind: 'audio' as const, ref: turn.voice.fileId, ...(turn.voice.mimeType ? { mimeType: turn.voice.mimeType } : {}) } }
      : { text: START.test(turn.text) ? 'Oi' : turn.text }),
    receivedAt,
  };
  return { ok: true, messages: [message] };
};
