import { createHash } from 'node:crypto';

export interface HashedQuote {
  readonly version: number;
  readonly totalCents: number;
  readonly validUntil: Date;
  readonly lines: readonly {
    readonly position: number;
    readonly kind: string;
    readonly description: string;
    readonly quantity: number | string;
    readonly unitPriceCents: number;
    readonly totalCents: number;
    readonly optional?: boolean;
  }[];
}

/**
 * The quote content hash (evidence for CDC art. 40), extended for optional lines:
 * identical to apply-db-effect's quoteContentHash for quotes without optional
 * lines (so stored hashes stay valid), and marking optional lines so that turning a
 * suggestion into a required item changes the hash and forces re-approval.
 */
export const quoteContentHash = (q: HashedQuote): string =>
  createHash('sha256')
    .update(
      JSON.stringify({
        v: q.version,
        total: q.totalCents,
        validUntil: q.validUntil.toISOString().slice(0, 10),
        lines: q.lines.map((l) => {
          const row: (string | number)[] = [l.position, l.kind, l.description, Number(l.quantity), l.unitPriceCents, l.totalCents];
          if (l.optional) row.push('optional');
          return row;
        }),
      }),
    )
    .digest('hex');
