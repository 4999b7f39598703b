import { describe, expect, it } from 'vitest';
import { quoteContentHash as legacyHash } from '../pipeline/apply-db-effect';
import { quoteContentHash } from './content-hash';

const q = {
  version: 1,
  totalCents: 11380,
  validUntil: new Date('2026-03-20T13:00:00Z'),
  lines: [
    { position: 1, kind: 'part', description: 'Óleo', quantity: '1.000', unitPriceCents: 6880, totalCents: 6880 },
    { position: 2, kind: 'labour', description: 'Mão de obra', quantity: 1, unitPriceCents: 4500, totalCents: 4500 },
  ],
};

describe('quoteContentHash', () => {
  it('matches the chat hash for quotes without optional lines', () => {
    expect(quoteContentHash(q)).toBe(legacyHash(q));
  });
  it('changes when a line becomes optional or required, or any price changes', () => {
    const withExtra = { ...q, lines: [...q.lines, { position: 3, kind: 'part', description: 'Kit relação', quantity: 1, unitPriceCents: 18990, totalCents: 18990, optional: true }] };
    const required = { ...withExtra, lines: withExtra.lines.map((l) => ({ ...l, optional: false })) };
    expect(quoteContentHash(withExtra)).not.toBe(quoteContentHash(required));
    expect(quoteContentHash({ ...q, totalCents: 11381 })).not.toBe(quoteContentHash(q));
  });
});
