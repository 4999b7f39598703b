import { findFamily } from '../domain/motorcycles';
import type { MotorcycleEntity } from './types';
import { BRAND_PATTERNS, MODEL_PATTERNS } from './vocab-motorcycles';

const MIN_YEAR = 1990;
const MAX_YEAR = 2027;

const twoDigitYear = (yy: number): number => (yy <= MAX_YEAR - 2000 ? 2000 + yy : 1900 + yy);

/**
 * The model year: "2019", "ano 19", "modelo 21", "19/20" right after a model
 * name. Four-digit numbers followed by km/mil/reais are mileage or money.
 */
export const extractYear = (text: string): number | undefined => {
  const short = /\b(?:ano|modelo|mod)\s*:?\s*(\d{2})(?:\s*\/\s*\d{2})?\b/.exec(text);
  if (short?.[1]) return twoDigitYear(Number(short[1]));
  const re = /(?<![\d.,:-])((?:19|20)\d{2})(?![\d.,:]\d|\s*(?:km|kms|mil|reais|conto|rs|quilometros|h\b|horas))/g;
  for (const m of text.matchAll(re)) {
    const y = Number(m[1]);
    if (y >= MIN_YEAR && y <= MAX_YEAR) return y;
  }
  const afterModel = /\b(?:titan|fan|biz|pop|bros|xre|twister|factor|fazer|lander|crosser|nmax|pcx|start|cg\s*160|cg\s*150)\s+(\d{2})(?:\s*\/\s*\d{2})?\b(?!\s*(?:mil|km|k\b|h\b|horas|reais))/.exec(text);
  if (afterModel?.[1]) {
    const yy = Number(afterModel[1]);
    if (yy !== 25 && yy !== 15 && yy !== 50) return twoDigitYear(yy);
  }
  return undefined;
};

const cgFamily = (year: number | undefined): string => (year !== undefined && year < 2016 ? 'cg150' : 'cg160');

export const extractMotorcycle = (text: string): MotorcycleEntity | undefined => {
  const year = extractYear(text);
  const found = MODEL_PATTERNS.find((p) => p.re.test(text));
  const familyId = found ? (found.familyId === 'cg' ? cgFamily(year) : found.familyId) : undefined;
  const brand = familyId ? findFamily(familyId)?.brand : BRAND_PATTERNS.find((b) => b.re.test(text))?.brand;
  if (!found && brand === undefined && year === undefined) return undefined;
  return {
    ...(brand !== undefined ? { brand } : {}),
    ...(found ? { model: found.model } : {}),
    ...(familyId !== undefined ? { familyId } : {}),
    ...(year !== undefined ? { year } : {}),
  };
};
