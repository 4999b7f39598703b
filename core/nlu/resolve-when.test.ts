import { describe, expect, it } from 'vitest';
import { resolveWhen } from './resolve-when';

const BRT = -180;
// Wednesday 2026-03-04 10:00 in Brasília (13:00 UTC).
const now = new Date('2026-03-04T13:00:00Z');

describe('resolveWhen', () => {
  it('amanhã cedo → tomorrow 8h local', () => {
    expect(resolveWhen({ dayOffset: 1, period: 'manha', text: 'amanha cedo' }, now, BRT).toISOString()).toBe('2026-03-05T11:00:00.000Z');
  });

  it('sexta às 14h → this Friday', () => {
    expect(resolveWhen({ weekday: 5, hour: 14, text: 'sexta 14h' }, now, BRT).toISOString()).toBe('2026-03-06T17:00:00.000Z');
  });

  it('a weekday already past today means next week', () => {
    expect(resolveWhen({ weekday: 3, hour: 8, text: 'quarta 8h' }, now, BRT).toISOString()).toBe('2026-03-11T11:00:00.000Z');
  });

  it('hoje à tarde → today 14h', () => {
    expect(resolveWhen({ dayOffset: 0, period: 'tarde', text: 'hoje a tarde' }, now, BRT).toISOString()).toBe('2026-03-04T17:00:00.000Z');
  });

  it('uses the local date near midnight', () => {
    const lateNight = new Date('2026-03-05T01:30:00Z'); // 22:30 on the 4th in Brasília
    expect(resolveWhen({ dayOffset: 1, hour: 9, text: 'amanha 9h' }, lateNight, BRT).toISOString()).toBe('2026-03-05T12:00:00.000Z');
  });
});
