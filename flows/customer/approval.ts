import type { FlowContext, FlowEvent } from '../types';
import { notifyStaff, reply, turn, type MessageEvent, type Turn } from './effects';
import { isDontKnow, readLineRemoval, readLineSelection } from './field-parsers';
import * as msg from './messages';
import type { CustomerState } from './state';

/** Approval of a sent quote: whole, partial ("só o 1 e o 3") or refusal. */

interface PendingQuote {
  readonly quoteId: string;
  readonly lineCount: number;
}

/** The quote waiting for the customer's answer, from the conversation or, if state was lost, from the open order. */
export const pendingQuote = (state: CustomerState, ctx: FlowContext): PendingQuote | null => {
  // A "sim" in the middle of a new intake answers the intake, not an older quote.
  if (state.stage === 'collecting') return null;
  const q = ctx.openOrder?.quote;
  if (state.stage === 'quote_pending' && state.lastQuoteId) {
    const lineCount = q && q.id === state.lastQuoteId ? q.lines.length : (state.lastQuoteLineCount ?? 0);
    return { quoteId: state.lastQuoteId, lineCount };
  }
  // A quote the shop (re)sent is waiting for an answer whatever the order's stage: a
  // revised version during the work (extra parts) needs a new approval too (CDC art. 40).
  if (q && q.status === 'sent' && !q.needsStaffReview) return { quoteId: q.id, lineCount: q.lines.length };
  return null;
};

type Decision = { kind: 'approved' | 'rejected' } | { kind: 'partial'; lines: number[]; negated: boolean };

/** What the message decides about a pending quote, or null when it is about something else. */
export const readDecision = (ev: MessageEvent): Decision | null => {
  if (ev.choiceId === msg.BUTTON_IDS.approve) return { kind: 'approved' };
  if (ev.choiceId === msg.BUTTON_IDS.reject) return { kind: 'rejected' };
  const { intent, entities } = ev.nlu;
  const removed = readLineRemoval(ev.text);
  if (removed?.length) return { kind: 'partial', lines: removed, negated: true };
  const lines = entities.lineNumbers ?? readLineSelection(ev.text);
  if (lines?.length && intent !== 'reject') return { kind: 'partial', lines, negated: false };
  if (lines?.length && intent === 'reject') return { kind: 'partial', lines, negated: true };
  if (intent === 'approve' || entities.yesNo === 'yes') return { kind: 'approved' };
  if ((intent === 'reject' || entities.yesNo === 'no') && !isDontKnow(ev.text)) return { kind: 'rejected' };
  return null;
};

export const decideQuote = (state: CustomerState, ev: MessageEvent, pending: PendingQuote, decision: Decision): Turn => {
  const base = { type: 'decide_quote' as const, quoteId: pending.quoteId, messageId: ev.messageId };
  const s: CustomerState = { ...state, misunderstood: 0, pendingField: undefined };
  if (decision.kind !== 'partial') return turn(s, { ...base, decision: decision.kind });
  const all = Array.from({ length: pending.lineCount }, (_, i) => i + 1);
  // "tira o 2" / "não quero o 2": approve everything else.
  const chosen = decision.negated ? all.filter((n) => !decision.lines.includes(n)) : decision.lines;
  const valid = chosen.filter((n) => n >= 1 && n <= pending.lineCount);
  if (!valid.length || valid.length !== chosen.length) return turn(s, reply(msg.invalidLines(pending.lineCount)));
  // Every line named: approve all, keeping the numbers so named optional extras count too.
  if (valid.length === pending.lineCount) return turn(s, { ...base, decision: 'approved', lineNumbers: valid });
  return turn(s, { ...base, decision: 'partial', lineNumbers: valid });
};

/** The decision is recorded: confirm it to the customer and tell the shop. */
export const onQuoteDecided = (state: CustomerState, ev: Extract<FlowEvent, { type: 'quote_decided' }>): Turn => {
  const { order, quote, decision } = ev;
  const s: CustomerState = { ...state, lastQuoteId: undefined, lastQuoteLineCount: undefined, orderId: order.id, orderNumber: order.number };
  if (decision === 'rejected') {
    return turn(
      { ...s, stage: 'idle', pendingField: undefined },
      reply(msg.rejected(order.number)),
      notifyStaff('rejected', msg.decisionStaff(order.number, 'rejected', 0, []), order.id),
    );
  }
  const approvedLines = quote.lines.filter((l) => l.decision === 'approved');
  const total = decision === 'partial' && approvedLines.length ? approvedLines.reduce((sum, l) => sum + l.totalCents, 0) : quote.totalCents;
  const numbers = approvedLines.map((l) => l.number);
  const text = decision === 'partial' && numbers.length ? msg.partiallyApproved(order.number, numbers, total) : msg.approved(order.number, total);
  return turn(
    // Waiting for a drop-off time: "sexta 14h" alone now schedules.
    { ...s, stage: 'approved', pendingField: 'when' },
    reply(text, [msg.SCHEDULE_BUTTON, msg.HUMAN_BUTTON]),
    notifyStaff('approved', msg.decisionStaff(order.number, decision, total, numbers), order.id),
  );
};
