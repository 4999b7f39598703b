import type { Button, OutboundMessage } from '../../core/messaging/types';
import { buttonsAsText } from '../shared/adapter';
import { MAX_CALLBACK_BYTES, telegramCapabilities } from './capabilities';

/** One inline keyboard button as the Bot API takes it. */
export type InlineButton = { readonly text: string; readonly callback_data: string } | { readonly text: string; readonly url: string };

/** The parameters of one `sendMessage` call (https://core.telegram.org/bots/api#sendmessage). */
export interface TelegramSendParams {
  readonly chat_id: string;
  readonly text: string;
  readonly parse_mode?: 'HTML';
  readonly reply_markup?: { readonly inline_keyboard: InlineButton[][] };
}

const escapeHtml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const fitsCallback = (b: Button): boolean => new TextEncoder().encode(b.id).length <= MAX_CALLBACK_BYTES;

/** Buttons as one-per-row inline keys; null when they cannot all fit (then they go as text). */
export const inlineKeyboardOf = (buttons: readonly Button[] | undefined): InlineButton[][] | null => {
  if (!buttons?.length) return [];
  if (buttons.length > telegramCapabilities.maxButtons || !buttons.every(fitsCallback)) return null;
  return buttons.map((b) => [{ text: b.title, callback_data: b.id }]);
};

/**
 * Pure: a core reply as the sendMessage calls that deliver it, in order. Buttons become an
 * inline keyboard (or a numbered list when they do not fit), a link an inline URL button,
 * and a Pix "copia e cola" code a separate monospace message, easy to long-press and copy.
 */
export const telegramToOutbound = (message: OutboundMessage, chatId: string): TelegramSendParams[] => {
  const keys = inlineKeyboardOf(message.buttons);
  const rows: InlineButton[][] = keys ? [...keys] : [];
  if (message.link) rows.push([{ text: message.link.title || message.link.url, url: message.link.url }]);
  const first: TelegramSendParams = {
    chat_id: chatId,
    text: keys ? message.text : buttonsAsText(message),
    ...(rows.length ? { reply_markup: { inline_keyboard: rows } } : {}),
  };
  if (!message.copyText) return [first];
  return [first, { chat_id: chatId, text: `<code>${escapeHtml(message.copyText)}</code>`, parse_mode: 'HTML' }];
};
