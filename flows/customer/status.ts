import type { FlowContext } from '../types';
import { reply, turn, understood, type Turn } from './effects';
import * as msg from './messages';
import type { CustomerState } from './state';

/** "Como tá minha moto?": the open order's status in words. */
export const orderStatus = (state: CustomerState, ctx: FlowContext): Turn => {
  const order = ctx.openOrder;
  const s = understood(state);
  if (!order) return turn(s, reply(msg.noOpenOrder(), [msg.MENU_BUTTONS[0]!]));
  const awaitingDecision = order.status === 'orcamento_enviado' && order.quote && !order.quote.needsStaffReview;
  return turn(s, reply(msg.orderStatus(order), awaitingDecision ? msg.QUOTE_BUTTONS : undefined));
};
