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

const entityEvidence = (e: Entities, yesNo: 'yes' | 'no' | undefined, tokens: number): Partial<Record<Intent, number>> => {
  const ev: Partial<Record<Intent, number>> = {};
  const add = (i: Intent, w: number): void => {
    ev[i] = (ev[i] ?? 0) + w;
  };
  if (e.services?.length) add('quote_request', 2);
  if (e.symptoms?.length) add('quote_request', 1);
  if (e.when && (e.when.dayOffset !== undefined || e.when.weekday !== undefined || e.when.hour !== undefined)) add('schedule', 1.5);
  else if (e.when) add('schedule', 0.5);
  const data = [e.motorcycle, e.plate, e.km, e.name].filter((x) => x !== undefined).length;
  if (data > 0) add('provide_data', Math.min(3, 1.6 * data));
  if (e.orderNumber) add('order_status', 1);
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
  for (const [i, w] of Object.entries(entityEvidence(entities, yesNo, tokens)) as [Intent, number][]) scores[i] += w;
  const ranked = [...PRIORITY].sort((a, b) => scores[b] - scores[a] || PRIORITY.indexOf(a) - PRIORITY.indexOf(b));
  const top = ranked[0] ?? 'other';
  const second = ranked[1] ?? 'other';
  const best = scores[top];
  if (best <= 0.5) return { intent: 'other', confidence: 0.3, scores };
  const margin = (best - scores[second]) / best;
  const confidence = Math.min(0.99, (1 - Math.exp(-best / 2)) * (0.55 + 0.45 * margin));
  return { intent: top, confidence: Math.round(confidence * 100) / 100, scores };
};
