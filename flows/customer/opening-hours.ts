import type { OpeningHours, WeekdayKey } from '../types';

const WEEKDAY_KEYS: readonly WeekdayKey[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
const SLOT_MINUTES = 60;
const SEARCH_DAYS = 14;

/** The shop's offset from UTC in minutes at `at` (-180 for America/Sao_Paulo). Unknown zones fall back to Brasília. */
export const tzOffsetMinutes = (timeZone: string, at: Date): number => {
  try {
    const parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    }).formatToParts(at);
    const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
    const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'));
    return Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
  } catch {
    return -180;
  }
};

export interface LocalTime {
  readonly weekday: number; // 0 = Sunday
  readonly day: number;
  readonly month: number; // 1-12
  readonly hour: number;
  readonly minute: number;
  /** Minutes since local midnight. */
  readonly minutes: number;
}

export const toLocal = (at: Date, offsetMinutes: number): LocalTime => {
  const d = new Date(at.getTime() + offsetMinutes * 60_000);
  const hour = d.getUTCHours();
  const minute = d.getUTCMinutes();
  return {
    weekday: d.getUTCDay(),
    day: d.getUTCDate(),
    month: d.getUTCMonth() + 1,
    hour,
    minute,
    minutes: hour * 60 + minute,
  };
};

const toMinutes = (hhmm: string): number | null => {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm.trim());
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]);
};

const intervalsFor = (hours: OpeningHours, weekday: number): [number, number][] => {
  const key = WEEKDAY_KEYS[weekday];
  const raw = key ? (hours[key] ?? []) : [];
  const out: [number, number][] = [];
  for (const [start, end] of raw) {
    const s = toMinutes(start);
    const e = toMinutes(end);
    if (s !== null && e !== null && e > s) out.push([s, e]);
  }
  return out;
};

/** True when the shop is open at `at` (start inclusive, closing time exclusive). */
export const isOpenAt = (hours: OpeningHours, at: Date, offsetMinutes: number): boolean => {
  const local = toLocal(at, offsetMinutes);
  return intervalsFor(hours, local.weekday).some(([s, e]) => local.minutes >= s && local.minutes < e);
};

/** Hourly drop-off slots inside opening hours, after `from`, for the next two weeks. */
const slotsAfter = (hours: OpeningHours, from: Date, offsetMinutes: number): Date[] => {
  const local = toLocal(from, offsetMinutes);
  const midnightUtc = from.getTime() - (local.minutes * 60_000 + from.getUTCSeconds() * 1000 + from.getUTCMilliseconds());
  const slots: Date[] = [];
  for (let day = 0; day < SEARCH_DAYS; day++) {
    const dayStart = midnightUtc + day * 86_400_000;
    const weekday = (local.weekday + day) % 7;
    for (const [s, e] of intervalsFor(hours, weekday)) {
      for (let m = s; m < e; m += SLOT_MINUTES) {
        const at = new Date(dayStart + m * 60_000);
        if (at.getTime() > from.getTime()) slots.push(at);
      }
    }
  }
  return slots;
};

/**
 * The opening slots nearest to a time the shop is closed: the last one earlier that
 * same day (if still ahead of now), the first one after it, and then the first slot
 * of the following open day, at most `max`, in order.
 */
export const nearestSlots = (
  hours: OpeningHours,
  requested: Date,
  now: Date,
  offsetMinutes: number,
  max = 2,
): Date[] => {
  const all = slotsAfter(hours, now, offsetMinutes);
  const reqLocal = toLocal(requested, offsetMinutes);
  const sameDay = (d: Date): boolean => {
    const l = toLocal(d, offsetMinutes);
    return l.day === reqLocal.day && l.month === reqLocal.month && Math.abs(d.getTime() - requested.getTime()) < 86_400_000;
  };
  const before = all.filter((d) => d.getTime() < requested.getTime() && sameDay(d)).at(-1);
  const after = all.filter((d) => d.getTime() > requested.getTime());
  const picked: Date[] = [];
  if (before) picked.push(before);
  const first = after[0];
  if (first) {
    picked.push(first);
    const firstDay = toLocal(first, offsetMinutes).day;
    const nextDay = after.find((d) => toLocal(d, offsetMinutes).day !== firstDay);
    if (nextDay) picked.push(nextDay);
  } else if (all[0] && !before) {
    picked.push(all[0]);
  }
  return picked.slice(0, max);
};
