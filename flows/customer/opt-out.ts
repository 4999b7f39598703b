import { reply, turn, understood, type MessageEvent, type Turn } from './effects';
import * as msg from './messages';
import type { CustomerState } from './state';

/** LGPD: "parar"/"sair" revokes marketing consent; the message itself is the evidence. */
export const optOut = (state: CustomerState, ev: MessageEvent): Turn =>
  turn(
    { ...understood(state), pendingField: undefined },
    { type: 'opt_out', messageId: ev.messageId, evidence: ev.text },
    reply(msg.optedOut()),
  );
