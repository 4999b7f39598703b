import type { ChannelCapabilities, ChannelKind, InboundMessage, OutboundMessage } from '../../core/messaging/types';

/**
 * The one small interface every channel implements: the vendor's payload in, the
 * core's InboundMessage out, and back. Vendor types stay inside the channel folder.
 */
export type ToInboundResult =
  | { readonly ok: true; readonly messages: readonly InboundMessage[] }
  | { readonly ok: false; readonly reason: string };

export interface ChannelAdapter<Raw = unknown, Out = unknown> {
  readonly kind: ChannelKind;
  readonly capabilities: ChannelCapabilities;
  /** Pure: converts one vendor delivery (it may carry several messages, or none). Never throws on bad input. */
  toInbound(raw: Raw, ctx: { readonly channelAccountId: string; readonly now: Date }): ToInboundResult;
  /** Pure: renders a core reply in the vendor's format, using only what the channel supports. */
  toOutbound(message: OutboundMessage, to: string): Out;
}

/** Text fallback for quick replies on channels without buttons: "1) Aprovar" lines the NLU understands. */
export const buttonsAsText = (message: OutboundMessage): string =>
  message.buttons?.length ? `${message.text}\n\n${message.buttons.map((b, i) => `${i + 1}) ${b.title}`).join('\n')}` : message.text;
