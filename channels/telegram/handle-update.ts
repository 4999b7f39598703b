import type { Bot } from 'grammy';
import type { Button, InboundMessage } from '../../core/messaging/types';
import { buttonsAsText } from '../shared/adapter';
import { telegramToInbound, telegramTurnOf, type TelegramTurn } from './to-inbound';
import { inlineKeyboardOf } from './to-outbound';
import { telegramUpdateSchema } from './update-schema';

/** What routing an update needs from the platform, passed in per channel account. */
export interface TelegramUpdatePorts {
  readonly channelAccountId: string;
  readonly now: () => Date;
  /** Is this Telegram user linked to the shop's staff? */
  isStaff(telegramUserId: string): Promise<boolean>;
  /** True the first time an update id is seen for this bot: staff commands run once. */
  claimUpdate(updateId: number): Promise<boolean>;
  /** Gives a claim back when the command failed, so Telegram's redelivery runs it. */
  releaseUpdate(updateId: number): Promise<void>;
  runStaffCommand(input: { telegramUserId: string; chatId: string; username: string | null; text: string }): Promise<{
    reply: string;
    buttons?: Button[];
  }>;
  ingest(message: InboundMessage): Promise<unknown>;
}

/** Commands go to the staff side (which refuses unlinked users politely); "/start" is a customer's hello. */
const STAFF_COMMAND = /^\//;
const START = /^\/start(?:@\w+)?(?:\s|$)/i;

const isStaffRoute = async (turn: TelegramTurn, ports: TelegramUpdatePorts): Promise<boolean> => {
  if (STAFF_COMMAND.test(turn.text) && !START.test(turn.text)) return true;
  return ports.isStaff(turn.userId);
};

const replyMarkup = (text: string, buttons: Button[] | undefined) => {
  const keys = inlineKeyboardOf(buttons);
  if (!keys) return { text: buttonsAsText({ text, buttons }), other: {} };
  return { text, other: keys.length ? { reply_markup: { inline_keyboard: keys } } : {} };
};

/**
 * The grammY middleware for one shop's bot: staff (linked users, or anyone typing a
 * command) get their command run and answered in the same chat; customers' private
 * messages and button taps go to the message pipeline, which dedupes redeliveries.
 */
export const installTelegramHandlers = (bot: Bot, ports: TelegramUpdatePorts): void => {
  bot.use(async (ctx) => {
    const parsed = telegramUpdateSchema.safeParse(ctx.update);
    if (!parsed.success) return;
    const turn = telegramTurnOf(parsed.data);
    if (!turn || turn.isBot) return;
    if (turn.callbackQueryId) await ctx.answerCallbackQuery().catch(() => undefined); // stops the button's spinner
    if (!turn.voice && (await isStaffRoute(turn, ports))) {
      if (!(await ports.claimUpdate(turn.updateId))) return;
      let r: Awaited<ReturnType<TelegramUpdatePorts['runStaffCommand']>>;
      try {
        r = await ports.runStaffCommand({ telegramUserId: turn.userId, chatId: turn.chatId, username: turn.username, text: turn.text });
      } catch (err) {
        await ports.releaseUpdate(turn.updateId).catch(() => undefined);
        throw err;
      }
      const { text, other } = replyMarkup(r.reply, r.buttons);
      await ctx.api.sendMessage(turn.chatId, text, other);
      return;
    }
    if (turn.chatType !== 'private') return; // customers talk to the shop one-to-one
    const result = telegramToInbound(parsed.data, { channelAccountId: ports.channelAccountId, now: ports.now() });
    if (!result.ok) return;
    for (const m of result.messages) await ports.ingest(m);
  });
};
