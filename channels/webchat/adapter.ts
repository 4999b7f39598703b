import type { ChannelAdapter } from '../shared/adapter';
import type { OutboundMessage } from '../../core/messaging/types';
import { webchatCapabilities } from './capabilities';
import { webchatPostSchema, webchatToInbound } from './to-inbound';

/** The web chat: the page posts JSON; replies are stored and polled, rendered as given. */
export const webchatAdapter: ChannelAdapter<unknown, OutboundMessage> = {
  kind: 'webchat',
  capabilities: webchatCapabilities,
  toInbound: (raw, ctx) => {
    const body = webchatPostSchema.safeParse(raw);
    if (!body.success) return { ok: false, reason: body.error.issues[0]?.message ?? 'inválido' };
    if (!body.data.messageId) return { ok: false, reason: 'messageId obrigatório' };
    return { ok: true, messages: [webchatToInbound(body.data, ctx.channelAccountId, ctx.now, () => body.data.messageId!)] };
  },
  toOutbound: (message) => ({ ...message, buttons: message.buttons?.slice(0, webchatCapabilities.maxButtons) }),
};
