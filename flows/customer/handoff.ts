import type { FlowContext, FlowEvent } from '../types';
import { customerName, notifyStaff, reply, turn, type Turn } from './effects';
import * as msg from './messages';
import type { CustomerState } from './state';

/** Hands the conversation to a person; the worker keeps the bot quiet meanwhile. */
export const handoff = (state: CustomerState, ctx: FlowContext, reason = 'pedido do cliente'): Turn =>
  turn(
    { ...state, pendingField: undefined, misunderstood: 0 },
    { type: 'handoff', reason },
    notifyStaff('handoff', msg.handoffStaff(customerName(state, ctx), reason), ctx.openOrder?.id),
    reply(msg.handoff()),
  );

/** Something the worker tried failed: apologise and bring in a human (once; a failed handoff is not retried here). */
export const onEffectFailed = (state: CustomerState, ev: Extract<FlowEvent, { type: 'effect_failed' }>, ctx: FlowContext): Turn => {
  const reason = `falha técnica: ${ev.effect} (${ev.code})`;
  const stage = state.stage === 'awaiting_order' || state.stage === 'awaiting_quote' ? 'idle' : state.stage;
  const s: CustomerState = { ...state, stage, pendingField: undefined, misunderstood: 0 };
  const notify = notifyStaff('handoff', msg.handoffStaff(customerName(state, ctx), reason), ctx.openOrder?.id);
  if (ev.effect === 'handoff') return turn(s, notify);
  // A failed reply means the channel is down: another reply would fail too.
  if (ev.effect === 'reply') return turn(s, { type: 'handoff', reason }, notify);
  return turn(s, { type: 'handoff', reason }, notify, reply(msg.effectFailed()));
};
