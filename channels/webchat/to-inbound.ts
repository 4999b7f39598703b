import { z } from 'zod';
import type { InboundMessage } from '../../core/messaging/types';

/** What the web chat page posts. The session id is random per browser and acts as the address. */
export const sessionIdSchema = z.string().regex(/^[A-Za-z0-9_-]{16,64}$/, 'sessão inválida');

export const webchatPostSchema = z
  .object({
    sessionId: sessionIdSchema,
    messageId: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/).optional(),
    text: z.string().trim().max(4000).optional(),
    choiceId: z.string().max(100).optional(),
    choiceTitle: z.string().max(100).optional(),
    name: z.string().trim().max(120).optional(),
  })
  .refine((b) => (b.text && b.text.length > 0) || b.choiceId, { message: 'envie um texto ou uma opção', path: ['text'] });
export type WebchatPost = z.infer<typeof webchatPostSchema>;

export const webchatToInbound = (
  body: WebchatPost,
  channelAccountId: string,
  now: Date,
  fallbackId: () => string,
): InboundMessage => ({
  channelAccountId,
  externalMessageId: body.messageId ?? fallbackId(),
  from: { kind: 'webchat', address: body.sessionId, ...(body.name ? { name: body.name } : {}) },
  text: body.text ?? body.choiceTitle ?? undefined,
  ...(body.choiceId ? { choice: { id: body.choiceId, ...(body.choiceTitle ? { title: body.choiceTitle } : {}) } } : {}),
  receivedAt: now.toISOString(),
});
