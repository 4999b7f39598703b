import type { Effect } from '../types';
import type { FlowContext, FlowEvent } from '../types';
import { notifyStaff, reply, shopOffset, turn, type Turn } from './effects';
import * as msg from './messages';
import { initialCustomerState, type CustomerState } from './state';

/** The worker opened the order we asked for: price it. */
export const onOrderOpened = (state: CustomerState, ev: Extract<FlowEvent, { type: 'order_opened' }>): Turn => {
  // A redelivered event must not create a second quote.
  if (state.orderId === ev.order.id && state.stage !== 'awaiting_order') return turn(state);
  const d = state.draft;
  const services = d.services.length ? d.services : (['diagnosis'] as const);
  return turn(
    { ...state, stage: 'awaiting_quote', orderId: ev.order.id, orderNumber: ev.order.number },
    { type: 'create_quote', orderId: ev.order.id, services: [...services], familyId: d.vehicle.familyId ?? null },
  );
};

/** A quote exists (built now, or resent by staff): send it, or tell the customer the shop will confirm prices. */
export const onQuoteCreated = (state: CustomerState, ev: Extract<FlowEvent, { type: 'quote_created' }>, ctx: FlowContext): Turn => {
  const { order, quote } = ev;
  const cleared: CustomerState = {
    ...state,
    draft: { ...initialCustomerState().draft, name: state.draft.name },
    pendingField: undefined,
    asked: [],
    orderId: order.id,
    orderNumber: order.number,
    lastQuoteId: quote.id,
    lastQuoteLineCount: quote.lines.length,
  };
  if (quote.needsStaffReview) {
    return turn(
      { ...cleared, stage: 'quote_review' },
      reply(msg.quoteUnderReview(order.number)),
      notifyStaff('quote_review', msg.quoteReviewStaff(order.number, quote), order.id),
    );
  }
  const withButtons = ctx.channel.buttons;
  return turn(
    { ...cleared, stage: 'quote_pending' },
    withPortalLink(reply(msg.quoteText(order, quote, shopOffset(ctx), withButtons), withButtons ? msg.QUOTE_BUTTONS : undefined), order.portalUrl),
  );
};

/** Adds the portal link (quote in full, PDF, approval per line) to a reply, when there is one. */
const withPortalLink = (effect: Effect, url: string | null | undefined): Effect =>
  url && effect.type === 'reply' ? { ...effect, message: { ...effect.message, link: { url, title: msg.PORTAL_LINK_TITLE } } } : effect;
