import { stripAccents } from './normalize';

const NOT_NAMES = new Set([
  'cliente', 'motoboy', 'motogirl', 'entregador', 'entregadora', 'eu', 'o', 'a', 'de', 'da', 'do',
  'dono', 'dona', 'mecanico', 'novo', 'nova', 'aqui', 'mesmo', 'mesma', 'quem', 'ele', 'ela', 'que',
  'eu mesmo', 'daqui', 'vizinho', 'amigo', 'amiga', 'irmao', 'irma', 'filho', 'filha', 'esposa',
  'marido', 'tua', 'sua', 'seu', 'teu', 'so', 'muito', 'bem', 'obrigado', 'obrigada', 'ta', 'to',
]);
const STOP_AFTER_NAME = new Set(['e', 'da', 'do', 'de', 'tenho', 'tem', 'minha', 'meu', 'a', 'o', 'aqui', 'to', 'ta', 'sou', 'quero', 'queria', 'preciso', 'com', 'dono', 'dona', 'cliente', 'motoboy', 'placa', 'ano', 'moto', 'que', 'pra', 'vou', 'falando']);

const titleCase = (w: string): string => (w.length === 0 ? w : w[0]!.toUpperCase() + w.slice(1).toLowerCase());

/**
 * "meu nome é João", "me chamo Ana Paula", "sou a Maria", "aqui é o Zé",
 * "quem fala é o Pedro". Taken from the original text so accents survive.
 */
export const extractName = (original: string): string | undefined => {
  const plain = stripAccents(original);
  const m =
    /\b(?:meu\s+nome\s+(?:e|eh|é)|me\s+chamo|pode\s+me\s+chamar\s+de|(?:aqui|quem\s+fala)\s+(?:e|eh)\s+(?:o|a)?|sou\s+(?:o|a))\s*:?\s+([A-Za-z\u00c0-\u024f'][A-Za-z\u00c0-\u024f']*(?:\s+[A-Za-z\u00c0-\u024f'][A-Za-z\u00c0-\u024f']*){0,3})/i.exec(plain);
  if (!m?.[1]) return undefined;
  const start = m.index + m[0].length - m[1].length;
  const words = original.slice(start, start + m[1].length).split(/\s+/);
  const kept: string[] = [];
  for (const w of words) {
    const low = stripAccents(w).toLowerCase();
    if (kept.length > 0 && STOP_AFTER_NAME.has(low)) break;
    if (kept.length === 0 && NOT_NAMES.has(low)) return undefined;
    kept.push(titleCase(w));
    if (kept.length === 3) break;
  }
  return kept.length > 0 ? kept.join(' ') : undefined;
};

const YES = /^(?:sim|s|ok|beleza|pode|claro|fechado|bora|isso|positivo|certo|com certeza|manda ver|pode ser|ta bom|combinado|uhum|aham|show|top|blz|perfeito|demorou|firmeza|fechou|sim sim|yes)\b/;
const NO = /^(?:nao|negativo|nem|jamais|nunca|de jeito nenhum|quero nao|melhor nao|agora nao|nao nao)\b/;

/** A yes/no reply: only when the message starts with it or is just an emoji, so "não pega" is not a "no". */
export const extractYesNo = (text: string, emoji: 'yes' | 'no' | undefined): 'yes' | 'no' | undefined => {
  if (NO.test(text) && !/^nao\s+(?:pega|liga|funciona|sei|entendi|recebi|chegou|consigo|tenho|ta|esta|da)\b/.test(text)) return 'no';
  if (/\bquero\s+nao\b|\bprecisa\s+nao\b/.test(text)) return 'no';
  if (YES.test(text)) return 'yes';
  return emoji;
};

/** Quote lines picked for a partial approval: "aprovo só o 1 e o 3", "itens 2, 4". */
export const extractLineNumbers = (text: string): number[] | undefined => {
  const scope = /\b(?:so|somente|apenas|itens?|linhas?|aprovo|pode\s+fazer|faz|o|a)\s+(?:(?:o|a|os|as|item|itens|numero)\s+)?(\d{1,2}(?:\s*(?:,|e|\/)?\s*(?:o\s+|a\s+)?\d{1,2})*)\b(?!\s*(?:h\b|hs|horas|km|mil|reais|pneus|dias|:))/.exec(text);
  if (!scope?.[1]) return undefined;
  const nums = [...scope[1].matchAll(/\d{1,2}/g)].map((m) => Number(m[0])).filter((n) => n >= 1 && n <= 30);
  return nums.length > 0 ? [...new Set(nums)] : undefined;
};
