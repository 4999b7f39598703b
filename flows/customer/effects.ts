import type { Button } from '../../core/messaging/types';
import type { Effect, ExternalEffect, FlowContext, FlowEvent, StepResult } from '../types';
import { tzOffsetMinutes } from './opening-hours';
import type { CustomerState } from './state';

export type Turn = StepResult<CustomerState>;
export type MessageEvent = Extract<FlowEvent, { type: 'message' }>;
type NotifyKind = Extract<ExternalEffect, { type: 'notify_staff' }>['kind'];

export const reply = (text: string, buttons?: readonly Button[]): Effect => ({
  type: 'reply',
  message: buttons && buttons.length ? { text, buttons: [...buttons].slice(0, 10) } : { text },
});

export const notifyStaff = (kind: NotifyKind, text: string, orderId?: string | null): Effect => ({
  type: 'notify_staff',
  kind,
  text,
  ...(orderId ? { orderId } : {}),
});

export const turn = (state: CustomerState, ...effects: Effect[]): Turn => ({ state, effects });

/** The shop's UTC offset now, in minutes. */
export const shopOffset = (ctx: FlowContext): number => tzOffsetMinutes(ctx.tenant.timezone, ctx.now);

/** The name to call the customer by: what they told us in this conversation, else what the shop has on file. */
export const customerName = (state: CustomerState, ctx: FlowContext): string | null => state.draft.name ?? ctx.customer.name;

/** A turn the bot understood: the misunderstanding streak is over. */
export const understood = (state: CustomerState): CustomerState =>
  state.misunderstood === 0 ? state : { ...state, misunderstood: 0 };
