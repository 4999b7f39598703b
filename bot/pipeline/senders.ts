import type { OutboundMessage } from '../../core/messaging/types';

/**
 * A reply can go out as several vendor messages (WhatsApp Cloud and Telegram send a Pix
 * "copia e cola" code alone, after the text). The send path tells the sender where an
 * earlier attempt stopped, and records each delivered part, so a retry never sends the
 * customer a part twice.
 */
export interface SendProgress {
  /** Parts of this reply delivered by earlier attempts (messages.parts_sent): skip them. */
  readonly fromPart: number;
  /**
   * Called after each delivered part that another part follows, before that next part is
   * attempted; the send path persists it. The last part is reported by send's result.
   * If it throws, the sender stops and rethrows it as it is.
   */
  readonly onPartSent: (index: number, externalMessageId: string | null) => Promise<void>;
}

/** What a channel needs to deliver one reply. Implemented per channel under channels/. */
export interface ChannelSender {
  /** True when "sending" is only marking the stored reply sent (no vendor call): one transaction, no payload load. */
  readonly local?: boolean;
  send(
    args: {
      readonly account: { readonly id: string; readonly externalId: string; readonly secrets: Record<string, string> };
      readonly to: string;
      readonly message: OutboundMessage;
    } & SendProgress,
  ): Promise<{
    /** The vendor id of the reply's first part when this call delivered it (receipts match it), else null. */
    readonly externalMessageId: string | null;
    /** How many parts the reply has, all now delivered (absent when the sender does not count parts). */
    readonly partsSent?: number;
  }>;
}

/** Raised by a sender for a failure that retrying cannot fix (blocked number, bad token). */
export class PermanentSendError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'PermanentSendError';
  }
}

/**
 * Delivers `parts` in order from `progress.fromPart`, reporting each part but the last
 * through `progress.onPartSent`. `post` sends one part and returns its vendor id; its
 * errors propagate unchanged, leaving the parts before it recorded.
 */
export const deliverParts = async <P>(
  parts: readonly P[],
  progress: SendProgress,
  post: (part: P) => Promise<string | null>,
): Promise<{ externalMessageId: string | null; partsSent: number }> => {
  let first: string | null = null;
  for (let i = Math.max(0, progress.fromPart); i < parts.length; i++) {
    const id = await post(parts[i]!);
    if (i === 0) first = id;
    if (i < parts.length - 1) await progress.onPartSent(i, id);
  }
  return { externalMessageId: first, partsSent: parts.length };
};

/** The web chat has no vendor: a reply is "sent" once stored; the page polls for it. */
export const webchatSender: ChannelSender = {
  local: true,
  send: async () => ({ externalMessageId: null }),
};
