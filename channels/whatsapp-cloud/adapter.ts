import type { ChannelAdapter } from '../shared/adapter';
import type { InboundMessage } from '../../core/messaging/types';
import { whatsappCloudCapabilities } from './capabilities';
import { changesOf, valueToInbound } from './to-inbound';
import { toGraphMessages, type GraphMessageBody } from './to-outbound';

/**
 * WhatsApp Cloud API: a webhook delivery (possibly several entries and changes) in,
 * Graph "send message" bodies out. The HTTP side (signature, tenant lookup, sending)
 * lives in bot/channels/whatsapp-cloud.ts.
 */
export const whatsappCloudAdapter: ChannelAdapter<unknown, GraphMessageBody[]> = {
  kind: 'whatsapp_cloud',
  capabilities: whatsappCloudCapabilities,
  toInbound: (raw, ctx) => {
    const r = changesOf(raw);
    if (!r.ok) return r;
    const messages: InboundMessage[] = r.changes.flatMap((c) => valueToInbound(c.value, ctx));
    return { ok: true, messages };
  },
  toOutbound: (message, to) => toGraphMessages(message, to),
};
