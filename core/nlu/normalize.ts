import { ABBREVIATIONS } from './vocab-abbreviations';
import { KNOWN_WORDS, TYPO_TARGETS } from './vocab-typos';
import { closestWord } from './fuzzy';

export interface Normalized {
  /** Lowercase, accent-free, abbreviations expanded, emojis mapped or removed, typos fixed. */
  readonly text: string;
  readonly tokens: readonly string[];
  /** Set when the message carried a yes/no emoji (👍 ✅ 👌 / 👎 ❌). */
  readonly emojiYesNo?: 'yes' | 'no';
}

const YES_EMOJI = /👍|✅|👌|✔️?|☑️?|🤙|🆗/gu;
const NO_EMOJI = /👎|❌|🚫|✖️?|⛔/gu;

/**
 * Removes diacritics one UTF-16 unit at a time so the result has the same
 * length as the input (lets callers slice the original text, e.g. names).
 */
export const stripAccents = (s: string): string =>
  s.normalize('NFC').replace(/[\u00c0-\u024f]/g, (c) => c.normalize('NFD').replace(/[\u0300-\u036f]/g, '').charAt(0) || c);

const collapseRuns = (s: string): string => s.replace(/([a-z])\1{2,}/g, '$1');

const ALL_TARGETS = new Set(TYPO_TARGETS);
const isKnown = (t: string): boolean =>
  ALL_TARGETS.has(t) || KNOWN_WORDS.has(t) || Object.prototype.hasOwnProperty.call(ABBREVIATIONS, t);

const fixToken = (raw: string): string => {
  let t = raw;
  // "oii", "simm", "blzz": a leftover doubled letter that is not a known word.
  if (!isKnown(t) && /([a-z])\1/.test(t)) {
    const single = t.replace(/([a-z])\1/g, '$1');
    if (isKnown(single) || single.length <= 3) t = single;
  }
  const abbr = ABBREVIATIONS[t];
  if (abbr !== undefined) return abbr;
  if (/\d/.test(t) || isKnown(t) || t.length < 4) return t;
  return closestWord(t, TYPO_TARGETS) ?? t;
};

export const normalize = (input: string): Normalized => {
  const hasYes = YES_EMOJI.test(input);
  const hasNo = NO_EMOJI.test(input);
  let s = input.replace(YES_EMOJI, ' sim ').replace(NO_EMOJI, ' nao ');
  s = stripAccents(s).toLowerCase();
  s = s.replace(/º|°|ª/g, ' ').replace(/r\$/g, ' reais ');
  // Keep what numbers, times and plates need ("32.000", "14:30", "abc-1234"); drop the rest.
  s = s.replace(/[^a-z0-9\s.,:\-/?!]/g, ' ');
  s = collapseRuns(s);
  const tokens = s
    .split(/(\s+|[?!,;]+(?!\d)|\.(?!\d)|(?<!\d)[:/](?!\d))/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0 && !/^[\s.,:/?!-]+$/.test(t))
    .flatMap((t) => fixToken(t).split(' '))
    .filter((t) => t.length > 0);
  const emojiYesNo = hasYes && !hasNo ? 'yes' : hasNo && !hasYes ? 'no' : undefined;
  return { text: tokens.join(' '), tokens, ...(emojiYesNo ? { emojiYesNo } : {}) };
};
