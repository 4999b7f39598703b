import type { FlowContext, FlowEvent } from '../types';
import { decideQuote, onQuoteDecided, pendingQuote, readDecision } from './approval';
import { reply, turn, understood, type MessageEvent, type Turn } from './effects';
import { fallback, goodbye, greet } from './fallback';
import { handoff, onEffectFailed } from './handoff';
import { continueIntake, feedsIntake, startIntake } from './intake';
import * as msg from './messages';
import { optOut } from './opt-out';
import { cancel, pay } from './order-actions';
import { onOrderOpened, onQuoteCreated } from './quote';
import { askWhen, schedule, scheduleSlot, SLOT_PREFIX } from './schedule';
import type { CustomerState } from './state';
import { orderStatus } from './status';

/** Below this the NLU is guessing; the message is treated as not understood. */
const MIN_CONFIDENCE = 0.35;

const onButton = (state: CustomerState, ev: MessageEvent, ctx: FlowContext, choiceId: string): Turn | null => {
  switch (choiceId) {
    case msg.BUTTON_IDS.quote:
      return startIntake(state, ev, ctx);
    case msg.BUTTON_IDS.status:
      return orderStatus(state, ctx);
    case msg.BUTTON_IDS.human:
      return handoff(state, ctx);
    case msg.BUTTON_IDS.schedule:
      return askWhen(state);
  }
  if (choiceId.startsWith(SLOT_PREFIX)) return scheduleSlot(state, choiceId, ctx);
  return null; // approve/reject/vehicle buttons are read in context below
};

const onMessage = (state: CustomerState, ev: MessageEvent, ctx: FlowContext): Turn => {
  if (ev.choiceId) {
    const t = onButton(state, ev, ctx, ev.choiceId);
    if (t) return t;
  }
  const { intent, confidence, entities } = ev.nlu;
  // Leaving and asking for a person win over whatever the bot was waiting for.
  if (intent === 'opt_out') return optOut(state, ev);
  if (intent === 'human') return handoff(state, ctx);

  if (feedsIntake(state, ev, ctx)) return continueIntake(state, ev, ctx);
  if (state.pendingField === 'when' && entities.when) return schedule(state, ev, ctx);

  const pending = pendingQuote(state, ctx);
  if (pending) {
    const decision = readDecision(ev);
    if (decision) return decideQuote(state, ev, pending, decision);
  }

  if (confidence < MIN_CONFIDENCE) return fallback(state, ctx);
  switch (intent) {
    case 'quote_request':
      return startIntake(state, ev, ctx);
    case 'provide_data':
      return entities.motorcycle || entities.services?.length || entities.symptoms?.length
        ? startIntake(state, ev, ctx)
        : fallback(state, ctx);
    case 'schedule':
      return schedule(state, ev, ctx);
    case 'order_status':
      return orderStatus(state, ctx);
    case 'pay':
      return pay(state, ctx);
    case 'cancel':
      return cancel(state, ctx);
    case 'greeting':
      return greet(state, ctx);
    case 'thanks_bye':
      return goodbye(state, ctx);
    case 'approve':
    case 'reject':
      // "sim"/"ok" while the bot waits for an intake answer: repeat the question.
      if (state.stage === 'collecting') return fallback(state, ctx);
      // "ok"/"sim" with no question pending is a nod, not a decision.
      if (state.stage === 'quote_review') return turn(understood(state), reply(msg.quoteUnderReview(state.orderNumber ?? 0)));
      return state.stage === 'idle' && intent === 'approve' ? turn(understood(state), reply(msg.noPendingQuote(), [msg.MENU_BUTTONS[0]!])) : goodbye(state, ctx);
    default:
      return fallback(state, ctx);
  }
};

/** The customer conversation: routes each event to the concern that handles it. */
export const customerStep = (state: CustomerState, event: FlowEvent, ctx: FlowContext): Turn => {
  switch (event.type) {
    case 'message':
      return onMessage(state, event, ctx);
    case 'order_opened':
      return onOrderOpened(state, event);
    case 'quote_created':
      return onQuoteCreated(state, event, ctx);
    case 'quote_decided':
      return onQuoteDecided(state, event);
    case 'effect_failed':
      return onEffectFailed(state, event, ctx);
  }
};
