/**
 * Pure sending governor for a WhatsApp Web number: spaces messages like a person would
 * and refuses cold outreach, because a shop number that blasts strangers gets banned.
 */
export interface GovernorLimits {
  /** Minimum gap between two messages to one destination. */
  readonly minGapMs: number;
  /** Per destination, per rolling minute. */
  readonly perDestinationPerMinute: number;
  /** Per shop number, per rolling minute. */
  readonly perNumberPerMinute: number;
  /** "Typing…" time per character, capped. */
  readonly typingMsPerChar: number;
  readonly typingMinMs: number;
  readonly typingMaxMs: number;
}

export const DEFAULT_LIMITS: GovernorLimits = {
  minGapMs: 2000,
  perDestinationPerMinute: 20,
  perNumberPerMinute: 30,
  typingMsPerChar: 40,
  typingMinMs: 600,
  typingMaxMs: 6000,
};

/** Send times already reserved (ms epoch), per destination and for the whole number. */
export interface GovernorState {
  readonly byDestination: ReadonlyMap<string, readonly number[]>;
  readonly all: readonly number[];
}

export const emptyGovernorState = (): GovernorState => ({ byDestination: new Map(), all: [] });

export type GovernorDecision =
  | { readonly ok: true; readonly state: GovernorState; readonly sendAt: number; readonly typingMs: number }
  | { readonly ok: false; readonly code: 'COLD_OUTREACH' };

const MINUTE = 60_000;

export const typingDelayMs = (limits: GovernorLimits, textLength: number): number =>
  Math.min(limits.typingMaxMs, Math.max(limits.typingMinMs, Math.round(textLength * limits.typingMsPerChar)));

/** The earliest time >= t at which fewer than `max` reservations fall in the minute before it. */
const windowSlot = (times: readonly number[], max: number, t: number): number => {
  if (max <= 0) return t;
  const recent = times.filter((x) => x > t - MINUTE).sort((a, b) => a - b);
  if (recent.length < max) return t;
  return Math.max(t, recent[recent.length - max]! + MINUTE);
};

/**
 * Decides when one message may go out and reserves that slot. `sendAt` is when the
 * typing indicator ends and the message is sent; the caller waits until then.
 */
export const planSend = (
  state: GovernorState,
  req: { readonly to: string; readonly now: number; readonly textLength: number; readonly customerWroteFirst: boolean },
  limits: GovernorLimits = DEFAULT_LIMITS,
): GovernorDecision => {
  if (!req.customerWroteFirst) return { ok: false, code: 'COLD_OUTREACH' };
  const typingMs = typingDelayMs(limits, req.textLength);
  const dest = state.byDestination.get(req.to) ?? [];
  const last = dest.length ? Math.max(...dest) : -Infinity;
  let sendAt = Math.max(req.now + typingMs, last + limits.minGapMs);
  // The two windows can push each other; two passes settle it for any input.
  for (let i = 0; i < 3; i++) {
    sendAt = windowSlot(dest, limits.perDestinationPerMinute, sendAt);
    sendAt = windowSlot(state.all, limits.perNumberPerMinute, sendAt);
  }
  const keep = (xs: readonly number[]) => xs.filter((x) => x > req.now - MINUTE);
  const byDestination = new Map(state.byDestination);
  byDestination.set(req.to, [...keep(dest), sendAt]);
  for (const [k, v] of byDestination) if (keep(v).length === 0) byDestination.delete(k);
  return { ok: true, state: { byDestination, all: [...keep(state.all), sendAt] }, sendAt, typingMs };
};
