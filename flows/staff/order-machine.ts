import type { OrderStatus, OrderSummary } from '../types';
import * as msg from './messages';
import { ORDER_TRANSITIONS } from '../../core/domain/order-status';

/** The lifecycle itself is core's (core/domain/order-status.ts), shared with the admin web. */
export { ORDER_TRANSITIONS };

export type TransitionResult =
  | { readonly ok: true; readonly from: OrderStatus; readonly to: OrderStatus }
  | {
      readonly ok: false;
      readonly code: 'INVALID_TRANSITION';
      /** pt-BR, for the staff member who typed the command. */
      readonly message: string;
      readonly allowed: readonly OrderStatus[];
    };

export const allowedTransitions = (from: OrderStatus): readonly OrderStatus[] => ORDER_TRANSITIONS[from];

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => ORDER_TRANSITIONS[from].includes(to);

export const transition = (from: OrderStatus, to: OrderStatus): TransitionResult => {
  if (canTransition(from, to)) return { ok: true, from, to };
  const allowed = ORDER_TRANSITIONS[from];
  return { ok: false, code: 'INVALID_TRANSITION', message: msg.invalidTransition(from, to, allowed), allowed };
};

/** The pt-BR message to send the customer when their order moves to `to` (from `order.status`). */
export const customerNoticeFor = (order: OrderSummary, to: OrderStatus): string => msg.customerNotice(order, to);
