import { resolveWhen } from '../../core/nlu/resolve-when';
import type { FlowContext } from '../types';
import { customerName, notifyStaff, reply, shopOffset, turn, type MessageEvent, type Turn } from './effects';
import * as msg from './messages';
import { isOpenAt, nearestSlots } from './opening-hours';
import type { CustomerState } from './state';

/** Scheduling the drop-off: resolve "sexta 14h" in the shop's time zone and check opening hours. */

export const SLOT_PREFIX = 'slot:';

const book = (state: CustomerState, ctx: FlowContext, at: Date): Turn => {
  const offset = shopOffset(ctx);
  const orderId = ctx.openOrder?.id ?? state.orderId ?? null;
  const orderNumber = ctx.openOrder?.number ?? state.orderNumber ?? null;
  return turn(
    { ...state, pendingField: undefined, misunderstood: 0 },
    { type: 'schedule_dropoff', orderId, at: at.toISOString() },
    notifyStaff('schedule', msg.scheduleStaff(at, offset, orderNumber, customerName(state, ctx)), orderId),
    reply(msg.scheduled(at, offset)),
  );
};

const tryAt = (state: CustomerState, ctx: FlowContext, at: Date): Turn => {
  const offset = shopOffset(ctx);
  if (at.getTime() > ctx.now.getTime() && isOpenAt(ctx.tenant.openingHours, at, offset)) return book(state, ctx, at);
  const slots = nearestSlots(ctx.tenant.openingHours, at, ctx.now, offset);
  const buttons = slots.map((s) => ({ id: `${SLOT_PREFIX}${s.toISOString()}`, title: msg.slotTitle(s, offset) }));
  return turn({ ...state, pendingField: 'when', misunderstood: 0 }, reply(msg.closedProposeSlots(at, slots, offset), buttons));
};

export const askWhen = (state: CustomerState): Turn =>
  turn({ ...state, pendingField: 'when', misunderstood: 0 }, reply(msg.askWhen()));

/** A message asking to schedule, or answering "when?". */
export const schedule = (state: CustomerState, ev: MessageEvent, ctx: FlowContext): Turn => {
  const when = ev.nlu.entities.when;
  if (!when) return askWhen(state);
  return tryAt(state, ctx, resolveWhen(when, ctx.now, shopOffset(ctx)));
};

/** A tapped slot button ("slot:2026-03-16T11:00:00.000Z"). */
export const scheduleSlot = (state: CustomerState, choiceId: string, ctx: FlowContext): Turn => {
  const at = new Date(choiceId.slice(SLOT_PREFIX.length));
  return Number.isNaN(at.getTime()) ? askWhen(state) : tryAt(state, ctx, at);
};
