import { describe, expect, it } from 'vitest';
import { MoneySchema, add, formatBRL, money, multiply, parseBRL, sum } from './money';

describe('money', () => {
  it('holds integer centavos', () => {
    expect(money(12990)).toEqual({ cents: 12990 });
  });

  it('refuses fractional or non-finite centavos', () => {
    expect(() => money(10.5)).toThrow(RangeError);
    expect(() => money(Number.NaN)).toThrow(RangeError);
    expect(() => money(Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });

  it('validates at the boundary with zod', () => {
    expect(MoneySchema.safeParse({ cents: 100 }).success).toBe(true);
    expect(MoneySchema.safeParse({ cents: 1.5 }).success).toBe(false);
    expect(MoneySchema.safeParse({ cents: '100' }).success).toBe(false);
  });
});

describe('add and sum', () => {
  it('adds exactly, with no float drift', () => {
    expect(add(money(10), money(20))).toEqual({ cents: 30 });
  });

  it('sums a quote', () => {
    expect(sum([money(4500), money(12990), money(-1000)])).toEqual({ cents: 16490 });
  });

  it('sums nothing to zero', () => {
    expect(sum([])).toEqual({ cents: 0 });
  });
});

describe('multiply', () => {
  it('multiplies by whole quantities', () => {
    expect(multiply(money(3590), 2)).toEqual({ cents: 7180 });
  });

  it('charges 1.5 hours of labour rounding half up to the centavo', () => {
    // R$ 19,99 × 1,5 = R$ 29,985 → R$ 29,99
    expect(multiply(money(1999), 1.5)).toEqual({ cents: 2999 });
    // R$ 80,00 × 1,5 = R$ 120,00
    expect(multiply(money(8000), 1.5)).toEqual({ cents: 12000 });
  });

  it('is not fooled by binary floating point', () => {
    // 1000 × 1.15 is 1149.9999999999998 in floats; the shop expects R$ 11,50.
    expect(multiply(money(1000), 1.15)).toEqual({ cents: 1150 });
    // 0.5 centavo exactly → rounds up
    expect(multiply(money(1), 0.5)).toEqual({ cents: 1 });
    expect(multiply(money(3), 0.1)).toEqual({ cents: 0 });
  });

  it('rounds negatives symmetrically (a discount mirrors the charge)', () => {
    expect(multiply(money(-1999), 1.5)).toEqual({ cents: -2999 });
    expect(multiply(money(1999), -1.5)).toEqual({ cents: -2999 });
  });

  it('handles tiny and exponent-notation quantities', () => {
    expect(multiply(money(100_000_000), 1e-7)).toEqual({ cents: 10 });
    expect(multiply(money(1), 1e6)).toEqual({ cents: 1_000_000 });
  });

  it('zero quantity is zero', () => {
    expect(multiply(money(1999), 0)).toEqual({ cents: 0 });
    expect(formatBRL(multiply(money(-1999), 0))).toBe('R$ 0,00');
  });

  it('rejects non-finite quantities', () => {
    expect(() => multiply(money(100), Number.NaN)).toThrow(RangeError);
    expect(() => multiply(money(100), Number.POSITIVE_INFINITY)).toThrow(RangeError);
  });
});

describe('formatBRL', () => {
  it.each([
    [0, 'R$ 0,00'],
    [5, 'R$ 0,05'],
    [8990, 'R$ 89,90'],
    [100000, 'R$ 1.000,00'],
    [123456, 'R$ 1.234,56'],
    [123456789, 'R$ 1.234.567,89'],
    [-1000, '-R$ 10,00'],
    [-5, '-R$ 0,05'],
  ])('%i centavos → %s', (cents, text) => {
    expect(formatBRL(money(cents))).toBe(text);
  });

  it('uses a regular space, never a non-breaking one', () => {
    expect(formatBRL(money(100))).toBe('R\u0024\u00201,00');
    expect(formatBRL(money(100))).not.toMatch(/\u00a0/);
  });
});

describe('parseBRL', () => {
  it.each([
    ['1.234,56', 123456],
    ['R$ 89,90', 8990],
    ['R$89,90', 8990],
    ['89.90', 8990],
    ['89.9', 8990],
    ['89,9', 8990],
    ['89', 8900],
    ['0,05', 5],
    ['1.234', 123400],
    ['1.234.567,89', 123456789],
    ['1234,56', 123456],
    ['1,234.56', 123456],
    ['  r$ 10,00 ', 1000],
    ['R$\u00a01.234,56', 123456],
    ['-R$ 10,00', -1000],
    ['R$ -10,00', -1000],
  ])('%s → %i', (text, cents) => {
    expect(parseBRL(text)).toBe(cents);
  });

  it.each(['', 'R$', 'abc', '12a', '89,999', '1,234', '1.23,45', '1..234', '--10', '10,', ',50', '1e3'])(
    'rejects %j',
    (text) => {
      expect(parseBRL(text)).toBeNull();
    },
  );

  it('round-trips with formatBRL', () => {
    for (const cents of [0, 1, 99, 100, 8990, 123456, 987654321, -1000]) {
      expect(parseBRL(formatBRL(money(cents)))).toBe(cents);
    }
  });
});
