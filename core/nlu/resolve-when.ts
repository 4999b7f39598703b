import type { When } from './types';

const PERIOD_START: Record<NonNullable<When['period']>, number> = { manha: 8, tarde: 14, noite: 18 };

/**
 * Turns a relative `When` into an instant. `utcOffsetMinutes` is the shop's
 * offset from UTC (-180 for Brasília). A weekday means the next such day
 * (today only if the time has not passed); with no time, the start of the
 * period, or 9h.
 */
export const resolveWhen = (when: When, now: Date, utcOffsetMinutes: number): Date => {
  const local = new Date(now.getTime() + utcOffsetMinutes * 60_000);
  const hour = when.hour ?? (when.period ? PERIOD_START[when.period] : 9);
  const minute = when.minute ?? 0;
  const atDay = (offset: number): number =>
    Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() + offset, hour, minute) -
    utcOffsetMinutes * 60_000;
  if (when.weekday !== undefined) {
    let offset = (when.weekday - local.getUTCDay() + 7) % 7;
    if (offset === 0 && atDay(0) <= now.getTime()) offset = 7;
    return new Date(atDay(offset));
  }
  return new Date(atDay(when.dayOffset ?? 0));
};
