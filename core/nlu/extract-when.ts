import type { Period, When } from './types';

const WEEKDAYS: readonly [RegExp, number][] = [
  [/\bdomingo\b/, 0],
  [/\bsegunda(?:\s*-?\s*feira)?\b(?!\s+(?:vez|opcao|mao))/, 1],
  [/\bterca(?:\s*-?\s*feira)?\b/, 2],
  [/\bquarta(?:\s*-?\s*feira)?\b/, 3],
  [/\bquinta(?:\s*-?\s*feira)?\b/, 4],
  [/\bsexta(?:\s*-?\s*feira)?\b/, 5],
  [/\bsabado\b/, 6],
];

/** Greetings name a period of the day but say nothing about when. */
const GREETINGS = /\b(?:bom\s+dia|boa\s+tarde|boa\s+noite)\b/g;

interface Piece {
  readonly index: number;
  readonly text: string;
}

const findDay = (t: string): { dayOffset?: number; weekday?: number; piece?: Piece } => {
  const rel = /\b(?:depois\s+de\s+amanha|amanha|hoje|agora|semana\s+que\s+vem|proxima\s+semana)\b/.exec(t);
  if (rel) {
    const w = rel[0];
    const dayOffset = w.startsWith('depois') ? 2 : w === 'amanha' ? 1 : w === 'hoje' || w === 'agora' ? 0 : 7;
    return { dayOffset, piece: { index: rel.index, text: w } };
  }
  for (const [re, weekday] of WEEKDAYS) {
    const m = re.exec(t);
    if (m) return { weekday, piece: { index: m.index, text: m[0] } };
  }
  return {};
};

const findPeriod = (t: string): { period?: Period; piece?: Piece } => {
  const m = /\b(?:(?:de|da|na|pela|a)\s+)?(manha|tarde|noite|cedo|cedinho)\b/.exec(t);
  if (!m) return {};
  const period: Period = m[1] === 'tarde' ? 'tarde' : m[1] === 'noite' ? 'noite' : 'manha';
  return { period, piece: { index: m.index, text: m[0] } };
};

const findTime = (t: string): { hour?: number; minute?: number; piece?: Piece } => {
  const m =
    /\b(\d{1,2})\s*(?::|h|hs|hrs?|horas?)\s*(\d{2})?\b(?!\s*(?:km|mil|reais))/.exec(t) ??
    /\b(?:as|pelas|umas|la\s+pras?|depois\s+das|antes\s+das)\s+(\d{1,2})(?::(\d{2}))?\b(?!\s*(?:km|mil|reais|pneus|itens))/.exec(t);
  if (m?.[1]) {
    const hour = Number(m[1]);
    const minute = m[2] ? Number(m[2]) : undefined;
    if (hour <= 23 && (minute === undefined || minute <= 59))
      return { hour, ...(minute !== undefined ? { minute } : {}), piece: { index: m.index, text: m[0] } };
  }
  const noon = /\bmeio\s*dia(?:\s+e\s+meia)?\b/.exec(t);
  if (noon) return { hour: 12, ...(noon[0].includes('meia') ? { minute: 30 } : {}), piece: { index: noon.index, text: noon[0] } };
  return {};
};

/**
 * "amanhã cedo", "sexta às 14h", "hj a tarde", "segunda 8h30": what the
 * customer said, kept relative. A bare "2" with "tarde" means 14h.
 */
export const extractWhen = (normalized: string): When | undefined => {
  const t = normalized.replace(GREETINGS, (g) => ' '.repeat(g.length));
  const day = findDay(t);
  const per = findPeriod(t);
  const time = findTime(t);
  if (!day.piece && !per.piece && !time.piece) return undefined;
  let hour = time.hour;
  let period = per.period;
  if (hour !== undefined && hour < 12 && (period === 'tarde' || period === 'noite') && !(period === 'noite' && hour === 12)) hour += 12;
  if (hour !== undefined && period === undefined) period = hour < 12 ? 'manha' : hour < 18 ? 'tarde' : 'noite';
  const pieces = [day.piece, per.piece, time.piece].filter((p): p is Piece => p !== undefined).sort((a, b) => a.index - b.index);
  return {
    ...(day.dayOffset !== undefined ? { dayOffset: day.dayOffset } : {}),
    ...(day.weekday !== undefined ? { weekday: day.weekday } : {}),
    ...(hour !== undefined ? { hour } : {}),
    ...(time.minute !== undefined ? { minute: time.minute } : {}),
    ...(period !== undefined ? { period } : {}),
    text: pieces.map((p) => p.text.trim()).join(' '),
  };
};
