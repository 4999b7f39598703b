import { z } from 'zod';

/**
 * The part of a Telegram Bot API `Update` MotoGestor reads (https://core.telegram.org/bots/api#update).
 * Unknown fields pass through; other update kinds (edited messages, channel posts...) parse
 * and are ignored.
 */
const userSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().max(256).optional(),
  last_name: z.string().max(256).optional(),
  username: z.string().max(64).optional(),
});

const chatSchema = z.object({ id: z.number().int(), type: z.string().max(32) });

const inlineButtonSchema = z.object({ text: z.string(), callback_data: z.string().optional(), url: z.string().optional() });

const messageSchema = z.object({
  message_id: z.number().int(),
  from: userSchema.optional(),
  chat: chatSchema,
  date: z.number().int(),
  text: z.string().max(8192).optional(),
  caption: z.string().max(4096).optional(),
  /** A voice note (OGG/Opus): fetched with getFile and transcribed by the worker. */
  voice: z.object({ file_id: z.string().min(1).max(256), mime_type: z.string().max(100).optional() }).optional(),
  reply_markup: z.object({ inline_keyboard: z.array(z.array(inlineButtonSchema)) }).optional(),
});

const callbackQuerySchema = z.object({
  id: z.string().min(1).max(256),
  from: userSchema,
  message: messageSchema.optional(),
  data: z.string().max(256).optional(),
});

export const telegramUpdateSchema = z.object({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});
export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
export type TelegramMessage = z.infer<typeof messageSchema>;
