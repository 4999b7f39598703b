import { describe, expect, it } from 'vitest';
import evalSet from './eval-set.json';
import holdout from './eval-holdout.json';
import { evalSetSchema, evaluate } from './evaluate';
import type { NluResult } from './types';
import { understand } from './understand';
import { INTENTS } from './types';

describe('evaluate', () => {
  it('computes precision, recall and entity accuracy', () => {
    const fake = (text: string): NluResult =>
      text === 'a'
        ? { intent: 'greeting', confidence: 1, entities: { km: 10, motorcycle: { familyId: 'biz', year: 2020 } } }
        : { intent: 'greeting', confidence: 1, entities: {} };
    const r = evaluate(
      [
        { text: 'a', intent: 'greeting', entities: { km: 10, motorcycle: { familyId: 'biz' } } },
        { text: 'b', intent: 'pay', entities: { km: 5 } },
      ],
      fake,
    );
    expect(r.intentAccuracy).toBe(0.5);
    expect(r.perIntent.greeting).toMatchObject({ precision: 0.5, recall: 1 });
    expect(r.perIntent.pay).toMatchObject({ recall: 0, support: 1 });
    expect(r.perEntity.km).toEqual({ labelled: 2, matched: 1, accuracy: 0.5 });
    expect(r.perEntity.motorcycle?.accuracy).toBe(1);
    expect(r.misses).toEqual([{ text: 'b', expected: 'pay', got: 'greeting' }]);
  });
});

describe('offline NLU on the labelled sets', () => {
  const main = evalSetSchema.parse(evalSet);
  const held = evalSetSchema.parse(holdout);

  it('has at least 450 examples and 20 per intent', () => {
    expect(main.length).toBeGreaterThanOrEqual(450);
    for (const i of INTENTS) expect(main.filter((e) => e.intent === i).length, i).toBeGreaterThanOrEqual(20);
  });

  it('reaches ≥ 95% intent accuracy on eval-set.json', () => {
    expect(evaluate(main, understand).intentAccuracy).toBeGreaterThanOrEqual(0.95);
  });

  it('reaches ≥ 85% intent accuracy on the holdout', () => {
    expect(evaluate(held, understand).intentAccuracy).toBeGreaterThanOrEqual(0.85);
  });
});
