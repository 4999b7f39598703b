import { z } from 'zod';
import { entitiesSchema, intentSchema, INTENTS, type Entities, type Intent, type NluResult } from './types';

/** One labelled utterance; `entities` lists only what the labeller checked. */
export const evalExampleSchema = z.object({
  text: z.string().min(1),
  intent: intentSchema,
  entities: entitiesSchema.partial().extend({
    motorcycle: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
    when: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
  }).optional(),
});
export const evalSetSchema = z.array(evalExampleSchema);
export type EvalExample = z.infer<typeof evalExampleSchema>;

export interface IntentStats {
  readonly support: number;
  readonly predicted: number;
  readonly correct: number;
  readonly precision: number;
  readonly recall: number;
  /** Accuracy on the examples labelled with this intent (equals recall). */
  readonly accuracy: number;
}

export interface EntityStats {
  readonly labelled: number;
  readonly matched: number;
  readonly accuracy: number;
}

export interface Miss {
  readonly text: string;
  readonly expected: Intent;
  readonly got: Intent;
}

export interface EntityMiss {
  readonly text: string;
  readonly key: string;
  readonly expected: unknown;
  readonly got: unknown;
}

export interface EvalReport {
  readonly total: number;
  readonly intentAccuracy: number;
  readonly perIntent: Readonly<Record<Intent, IntentStats>>;
  readonly perEntity: Readonly<Record<string, EntityStats>>;
  readonly misses: readonly Miss[];
  readonly entityMisses: readonly EntityMiss[];
}

const ratio = (a: number, b: number): number => (b === 0 ? 1 : a / b);

const sameSet = (a: readonly unknown[], b: readonly unknown[]): boolean =>
  a.length === b.length && a.every((x) => b.includes(x)) && b.every((x) => a.includes(x));

/** Objects match when every labelled field matches; arrays as sets; strings ignoring case. */
export const entityMatches = (expected: unknown, got: unknown): boolean => {
  if (Array.isArray(expected)) return Array.isArray(got) && sameSet(expected, got);
  if (expected !== null && typeof expected === 'object') {
    if (got === null || typeof got !== 'object') return false;
    return Object.entries(expected).every(([k, v]) => entityMatches(v, (got as Record<string, unknown>)[k]));
  }
  if (typeof expected === 'string' && typeof got === 'string') return expected.toLowerCase() === got.toLowerCase();
  return expected === got;
};

export const evaluate = (examples: readonly EvalExample[], understand: (text: string) => NluResult): EvalReport => {
  const counts = Object.fromEntries(INTENTS.map((i) => [i, { support: 0, predicted: 0, correct: 0 }])) as Record<
    Intent,
    { support: number; predicted: number; correct: number }
  >;
  const entityCounts: Record<string, { labelled: number; matched: number }> = {};
  const misses: Miss[] = [];
  const entityMisses: EntityMiss[] = [];
  for (const ex of examples) {
    const result = understand(ex.text);
    counts[ex.intent].support++;
    counts[result.intent].predicted++;
    if (result.intent === ex.intent) counts[ex.intent].correct++;
    else misses.push({ text: ex.text, expected: ex.intent, got: result.intent });
    for (const [key, expected] of Object.entries(ex.entities ?? {})) {
      if (expected === undefined) continue;
      const got = result.entities[key as keyof Entities];
      const c = (entityCounts[key] ??= { labelled: 0, matched: 0 });
      c.labelled++;
      if (entityMatches(expected, got)) c.matched++;
      else entityMisses.push({ text: ex.text, key, expected, got });
    }
  }
  const perIntent = Object.fromEntries(
    INTENTS.map((i) => {
      const c = counts[i];
      const recall = ratio(c.correct, c.support);
      return [i, { ...c, precision: ratio(c.correct, c.predicted), recall, accuracy: recall }];
    }),
  ) as Record<Intent, IntentStats>;
  const perEntity = Object.fromEntries(
    Object.entries(entityCounts).map(([k, c]) => [k, { ...c, accuracy: ratio(c.matched, c.labelled) }]),
  );
  const correct = INTENTS.reduce((n, i) => n + counts[i].correct, 0);
  return { total: examples.length, intentAccuracy: ratio(correct, examples.length), perIntent, perEntity, misses, entityMisses };
};
