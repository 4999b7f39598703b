import type { Entities, Intent } from './types';
import { INTENT_CUES } from './vocab-intents';

/** Broken ties go to the intent whose mistake would cost the customer most. */
const PRIORITY: readonly Intent[] = [
  'opt_out', 'cancel', 'human', 'pay', 'order_status', 'approve', 'reject', 'schedule',
  'quote_request', 'other', 'provide_data', 'thanks_bye', 'greeting',
];

export interface Classification {
  readonly intent: Intent;
  readonly confidence: number;
  readonly scores: Readonly<Record<Intent, number>>;
}

const entityEvidence = (text: string, e: Entities, yesNo: 'yes' | 'no' | undefined, tokens: number): Partial<Record<Intent, number>> => {
  const ev: Partial<Record<Intent, number>> = {};
  const add = (i: Intent, w: number): void => {
    ev[i] = (ev[i] ?? 0) + w;
  };
  if (e.services?.length) add('quote_request', 2);
  if (e.symptoms?.length) add('quote_request', 1);
  if (e.when && (e.when.dayOffset !== undefined || e.when.weekday !== undefined || e.when.hour !== undefined)) add('schedule', 1.5);
  else if (e.when) add('schedule', 0.5);
  const data = [e.motorcycle, e.plate, e.km, e.name].filter((x) => x !== undefined).length;
  if (data > 0) add('provide_data', Math.min(2.4, 1.6 * data));
  if (e.orderNumber) add('order_status', 1);
  // "segunda 8h30 pode ser?", "amanhã serve?": a time plus a yes-word proposes a slot.
  if (e.when && e.when.text !== 'agora' && (e.when.dayOffset !== undefined || e.when.weekday !== undefined || e.when.hour !== undefined) && /\b(?:pode\s+ser|serve|fica\s+bom|da\s+pra|pode)\b/.test(text)) add('schedule', 3.5);
  // Bare replies ("sim", "n", "👍") are answers to the bot's last question.
  if (yesNo === 'yes') add('approve', tokens <= 4 ? 2 : 1);
  if (yesNo === 'no') add('reject', tokens <= 4 ? 2 : 1);
  return ev;
};

export const classifyIntent = (
  text: string,
  tokens: number,
  entities: Entities,
  yesNo: 'yes' | 'no' | undefined,
): Classification => {
  const scores = Object.fromEntries(PRIORITY.map((i) => [i, 0])) as Record<Intent, number>;
  for (const intent of PRIORITY) for (const cue of INTENT_CUES[intent]) if (cue.re.test(text)) scores[intent] += cue.weight;
  for (const [i, w] of Object.entries(entityEvidence(text, entities, yesNo, tokens)) as [Intent, number][]) scores[i] += w;
  const ranked = [...PRIORITY].sort((a, b) => scores[b] - scores[a] || PRIORITY.indexOf(a) - PRIORITY.indexOf(b));
  const top = ranked[0] ?? 'other';
  const second = ranked[1] ?? 'other';
  const best = scores[top];
  if (best <= 0.5) return { intent: 'other', confidence: 0.3, scores };
  const margin = (best - scores[second]) / best;
  const confidence = Math.min(0.99, (1 - Math.exp(-best / 2)) * (0.55 + 0.45 * margin));
  return { intent: top, confidence: Math.round(confidence * 100) / 100, scores };
};
