import type { OrderStatus } from '../types';
import type { FlowContext } from '../types';
import { notifyStaff, reply, turn, understood, type Turn } from './effects';
import * as msg from './messages';
import { initialCustomerState, type CustomerState } from './state';

/** What the customer can do to an open order: pay it, cancel it. */

const PAYABLE: ReadonlySet<OrderStatus> = new Set(['aprovada', 'pronta']);
/** Before the mechanic starts, the customer may cancel alone; after, the shop must agree. */
const CANCELLABLE: ReadonlySet<OrderStatus> = new Set(['aberta', 'orcamento_enviado', 'aprovada']);

export const pay = (state: CustomerState, ctx: FlowContext): Turn => {
  const order = ctx.openOrder;
  const s = understood(state);
  if (!order) return turn(s, reply(msg.paymentNoOrder()));
  const pending = order.paymentPending;
  if (pending) {
    return turn(s, {
      type: 'reply',
      message: {
        text: msg.paymentPending(order.number, pending.amountCents, Boolean(pending.pixCode)),
        ...(pending.pixCode ? { copyText: pending.pixCode } : {}),
        ...(pending.linkUrl ? { link: { url: pending.linkUrl, title: 'Pagar' } } : {}),
      },
    });
  }
  if (!PAYABLE.has(order.status)) return turn(s, reply(msg.paymentNotYet(order)));
  return turn(s, { type: 'request_payment', orderId: order.id }, reply(msg.paymentRequested(order)));
};

export const cancel = (state: CustomerState, ctx: FlowContext): Turn => {
  const order = ctx.openOrder;
  const s = understood(state);
  if (!order) {
    if (state.stage === 'collecting') {
      return turn({ ...initialCustomerState(), draft: { ...initialCustomerState().draft, name: state.draft.name } }, reply(msg.draftDiscarded()));
    }
    return turn(s, reply(msg.cancelNothing()));
  }
  if (!CANCELLABLE.has(order.status)) return turn(s, reply(msg.cancelNotPossible(order), [msg.HUMAN_BUTTON]));
  return turn(
    { ...s, stage: 'idle', pendingField: undefined, lastQuoteId: undefined, lastQuoteLineCount: undefined },
    { type: 'cancel_order', orderId: order.id },
    notifyStaff('cancelled', msg.cancelledStaff(order.number), order.id),
    reply(msg.cancelled(order.number)),
  );
};
