import type { WAMessage } from '@whiskeysockets/baileys';
import type { ChannelAdapter } from '../shared/adapter';
import type { InboundMessage } from '../../core/messaging/types';
import { baileysCapabilities } from './capabilities';
import { baileysToInbound } from './to-inbound';
import { baileysToOutbound } from './to-outbound';

/** A Baileys `messages.upsert` event. */
export interface BaileysUpsert {
  readonly messages: readonly WAMessage[];
  readonly type: string;
}

const isUpsert = (raw: unknown): raw is BaileysUpsert =>
  typeof raw === 'object' && raw !== null && Array.isArray((raw as { messages?: unknown }).messages) && typeof (raw as { type?: unknown }).type === 'string';

export const baileysAdapter: ChannelAdapter<unknown, { text: string }> = {
  kind: 'whatsapp_baileys',
  capabilities: baileysCapabilities,
  toInbound: (raw, ctx) => {
    if (!isUpsert(raw)) return { ok: false, reason: 'evento messages.upsert inválido' };
    if (raw.type !== 'notify') return { ok: true, messages: [] };
    const messages: InboundMessage[] = [];
    for (const m of raw.messages) {
      if (typeof m !== 'object' || m === null) continue;
      try {
        const inbound = baileysToInbound(m, ctx.channelAccountId, ctx.now);
        if (inbound) messages.push(inbound);
      } catch {
        // a malformed message is skipped, never fatal to the batch
      }
    }
    return { ok: true, messages };
  },
  toOutbound: (message) => baileysToOutbound(message),
};
