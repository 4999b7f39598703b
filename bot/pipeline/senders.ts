import type { OutboundMessage } from '../../core/messaging/types';

/** What a channel needs to deliver one reply. Implemented per channel under channels/. */
export interface ChannelSender {
  /** True when "sending" is only marking the stored reply sent (no vendor call): one transaction, no payload load. */
  readonly local?: boolean;
  send(args: {
    readonly account: { readonly id: string; readonly externalId: string; readonly secrets: Record<string, string> };
    readonly to: string;
    readonly message: OutboundMessage;
  }): Promise<{ readonly externalMessageId: string | null }>;
}

/** Raised by a sender for a failure that retrying cannot fix (blocked number, bad token). */
export class PermanentSendError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/** The web chat has no vendor: a reply is "sent" once stored; the page polls for it. */
export const webchatSender: ChannelSender = {
  local: true,
  send: async () => ({ externalMessageId: null }),
};
