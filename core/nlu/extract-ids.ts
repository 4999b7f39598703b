/**
 * Identifiers in a message: plate, mileage, service-order number.
 * All take normalized text (lowercase, no accents).
 */

/** Three-letter words that would otherwise read as the letters of an old-style plate ("mil 2019", "fan 2020"). */
const NOT_PLATE_LETTERS = new Set([
  'mil', 'ano', 'com', 'tem', 'das', 'dos', 'uma', 'sem', 'por', 'que', 'sao', 'ate', 'foi', 'fan',
  'pop', 'biz', 'cbr', 'xre', 'ybr', 'mod', 'the', 'dia', 'sai', 'pra', 'pro', 'km', 'kms', 'nao',
  'sim', 'meu', 'seu', 'ela', 'ele', 'nos', 'vou', 'vai', 'deu', 'tao', 'mas', 'era', 'ser', 'ter',
  'cg', 'rua', 'num', 'uns', 'tbm', 'hrs', 'seg', 'ter', 'qua', 'qui', 'sex', 'sab', 'dom', 'pcx',
  'ver', 'faz', 'fez', 'tah', 'aos', 'nas', 'nmx', 'lah', 'mes', 'ali', 'fiz', 'ler', 'cor',
]);

export const extractPlate = (text: string): string | undefined => {
  const re = /(?<![a-z0-9])([a-z]{3})\s*-?\s*(\d)([a-z0-9])(\d{2})(?![a-z0-9])/g;
  for (const m of text.matchAll(re)) {
    const [, letters = '', d1 = '', mid = '', d2 = ''] = m;
    const mercosul = /[a-z]/.test(mid);
    if (!mercosul && NOT_PLATE_LETTERS.has(letters) && !/\bplaca\b/.test(text)) continue;
    return `${letters}${d1}${mid}${d2}`.toUpperCase();
  }
  return undefined;
};

const toNumber = (s: string): number => Number(s.replace(/\.(?=\d{3}\b)/g, '').replace(',', '.'));

/**
 * Mileage: "32 mil km", "32.000", "32k", "rodou 15mil", "km 32000". A
 * thousand-separated number counts as mileage unless it is money (R$, reais).
 */
export const extractKm = (text: string): number | undefined => {
  const money = /(?:r\$|reais|conto|pila|\bcentavos)/;
  const thousands = /(?<![\d.,])(\d{1,3}(?:[.,]\d)?)\s*(?:mil|k)\b(?!\s*(?:reais|conto|pila))(?:\s*(?:km|kms|quilometros))?/g;
  for (const m of text.matchAll(thousands)) {
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 8);
    if (money.test(after) || /(?:r\$|reais)\s*$/.test(text.slice(0, m.index))) continue;
    return Math.round(toNumber(m[1] ?? '0') * 1000);
  }
  const unit = /(?<![\d.,])(\d{1,3}(?:\.\d{3})+|\d+)\s*(?:km|kms|quilometros)\b/.exec(text);
  if (unit?.[1]) return toNumber(unit[1]);
  const labelled = /\b(?:km|kms|quilometragem|hodometro|marcando|rodou|rodados?)\s*:?\s*(?:de\s+|com\s+)?(\d{1,3}(?:\.\d{3})+|\d{3,7})\b/.exec(text);
  if (labelled?.[1]) return toNumber(labelled[1]);
  const dotted = /(?<![\d.,$])(\d{1,3}\.\d{3})(?![\d.,])/.exec(text);
  if (dotted?.[1] && !/(?:r\$|reais)\s*$/.test(text.slice(0, dotted.index)) && !money.test(text.slice(dotted.index, dotted.index + 20)))
    return toNumber(dotted[1]);
  return undefined;
};

/**
 * "OS 123", "ordem 45", "ordem de servico n 77", "pedido 12". A lowercase
 * "os" is also the article, so "troca os 2 pneus" is not order 2.
 */
export const extractOrderNumber = (text: string): string | undefined => {
  const m = /\b(?:os|o\.s\.?|ordem(?:\s+de\s+servico)?|pedido)\s*(?:n|no|numero|num|nr|#)?\s*[.:#-]?\s*(\d{1,7})\b(\s+[a-z]+)?/.exec(text);
  if (!m?.[1]) return undefined;
  const next = (m[2] ?? '').trim();
  if (m[0].startsWith('os') && Number(m[1]) < 10 && /s$/.test(next)) return undefined;
  if (/^(?:km|mil|h|horas|reais)$/.test(next)) return undefined;
  return m[1];
};
