/** Latency summaries: exact percentiles over the recorded samples (nearest-rank). */
export interface Summary {
  readonly n: number;
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export const summarize = (samples: readonly number[]): Summary => {
  if (samples.length === 0) return { n: 0, mean: NaN, p50: NaN, p90: NaN, p99: NaN, max: NaN };
  const s = Float64Array.from(samples).sort();
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))]!;
  let sum = 0;
  for (const v of s) sum += v;
  return { n: s.length, mean: sum / s.length, p50: at(0.5), p90: at(0.9), p99: at(0.99), max: s[s.length - 1]! };
};

export const round = (v: number, d = 1): number => (Number.isFinite(v) ? Math.round(v * 10 ** d) / 10 ** d : v);

export const fmt = (v: number, d = 1): string => (Number.isFinite(v) ? round(v, d).toFixed(d) : '-');

/** A plain aligned table. */
export const table = (headers: string[], rows: (string | number)[][]): string => {
  const cells = [headers, ...rows.map((r) => r.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]!), sep, ...cells.slice(1).map(line)].join('\n');
};
