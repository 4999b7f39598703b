import type { FlowContext } from '../types';
import { customerName, reply, turn, understood, type Turn } from './effects';
import { pendingQuote } from './approval';
import { pendingQuestion } from './intake';
import * as msg from './messages';
import type { CustomerState } from './state';

/** Greeting, goodbye and the graceful "didn't get it". */

const MAX_MISUNDERSTOOD = 2;

export const greet = (state: CustomerState, ctx: FlowContext): Turn => {
  const name = customerName(state, ctx);
  const q = pendingQuestion(state, ctx);
  if (q) return turn(understood(state), reply(msg.greetingThenQuestion(name, ctx.tenant.name, q.text), q.buttons));
  return turn(understood(state), reply(msg.greeting(name, ctx.tenant.name), msg.MENU_BUTTONS));
};

export const goodbye = (state: CustomerState, ctx: FlowContext): Turn =>
  turn({ ...understood(state), pendingField: undefined }, reply(msg.goodbye(customerName(state, ctx))));

/** Says what the bot can do (or repeats its question); after two misses in a row, offers a person. */
export const fallback = (state: CustomerState, ctx: FlowContext): Turn => {
  const misunderstood = state.misunderstood + 1;
  const s: CustomerState = { ...state, misunderstood };
  if (misunderstood >= MAX_MISUNDERSTOOD) {
    return turn(s, reply(msg.fallbackOfferHuman(), [msg.HUMAN_BUTTON, msg.MENU_BUTTONS[0]!]));
  }
  const q = pendingQuestion(state, ctx);
  if (q) return turn(s, reply(`Não entendi 😅 ${q.text}`, q.buttons));
  if (pendingQuote(state, ctx)) return turn(s, reply(msg.quoteReminder(state.orderNumber ?? ctx.openOrder?.number ?? null), msg.QUOTE_BUTTONS));
  return turn(s, reply(msg.fallback(), msg.MENU_BUTTONS));
};
