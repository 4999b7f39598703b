/** Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), capped. */
export const editDistance = (a: string, b: string, max = 3): number => {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) rows.push(new Array<number>(b.length + 1).fill(0));
  const at = (i: number, j: number): number => rows[i]?.[j] ?? Number.POSITIVE_INFINITY;
  for (let i = 0; i <= a.length; i++) rows[i]![0] = i;
  for (let j = 0; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, at(i - 2, j - 2) + 1);
      rows[i]![j] = d;
    }
  }
  return at(a.length, b.length);
};

/** Allowed distance grows with word length, so short words are never "corrected" into others. */
const allowedDistance = (len: number): number => (len >= 9 ? 2 : len >= 4 ? 1 : 0);

/** The single closest target within the allowed distance, or undefined when none or ambiguous. */
export const closestWord = (token: string, targets: readonly string[]): string | undefined => {
  const max = allowedDistance(token.length);
  if (max === 0) return undefined;
  let best: string | undefined;
  let bestD = max + 1;
  let tie = false;
  for (const t of targets) {
    const d = editDistance(token, t, max);
    if (d < bestD) {
      best = t;
      bestD = d;
      tie = false;
    } else if (d === bestD && t !== best) tie = true;
  }
  return bestD <= max && !tie ? best : undefined;
};
