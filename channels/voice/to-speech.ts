import type { OutboundMessage } from '../../core/messaging/types';
import { voiceMessages } from './messages';

/** A reply rendered for a call: what the voice says, and the same in writing (call logs, tests). */
export interface VoiceReply {
  readonly speech: string;
  readonly transcript: string;
}

const URL_RE = /\bhttps?:\/\/\S+/gi;
const EMOJI_RE = /[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F1E6}-\u{1F1FF}]/gu;
const PRICE_RE = /R\$\s?(\d{1,3}(?:\.\d{3})*|\d+),(\d{2})/g;

/** "R$ 1.250,90" → "1250 reais e 90 centavos": the text-to-speech reads the integer naturally. */
export const spokenPrice = (reaisRaw: string, centsRaw: string): string => {
  const reais = Number(reaisRaw.replace(/\./g, ''));
  const cents = Number(centsRaw);
  const r = reais === 1 ? '1 real' : `${reais} reais`;
  if (cents === 0) return r;
  const c = cents === 1 ? '1 centavo' : `${cents} centavos`;
  return reais === 0 ? c : `${r} e ${c}`;
};

/** Makes chat text sayable: prices in words, no emoji, links or markdown, one sentence per line. */
export const toSpeechText = (text: string): string =>
  text
    .replace(URL_RE, '')
    .replace(EMOJI_RE, '')
    .replace(PRICE_RE, (_m, reais: string, cents: string) => spokenPrice(reais, cents))
    .replace(/#\s?(\d+)/g, 'número $1')
    .replace(/[*_~`]/g, '')
    .split('\n')
    .map((line) => line.replace(/^\s*(?:[-•·]|\d+\))\s*/, '').trim())
    .filter((line) => line.length > 0)
    .map((line) => (/[.!?:;,]$/.test(line) ? line : `${line}.`))
    .join(' ')
    .replace(/\s{2,}/g, ' ')
    .trim();

/** "Para responder, diga 1 para Aprovar, diga 2 para Recusar ou diga 3 para Falar com atendente." */
export const optionsSentence = (titles: readonly string[]): string => {
  if (titles.length === 0) return '';
  const parts = titles.map((t, i) => voiceMessages.option(i + 1, t));
  const list = parts.length === 1 ? parts[0]! : `${parts.slice(0, -1).join(', ')} ou ${parts.at(-1)!}`;
  return `${voiceMessages.optionsIntro} ${list}.`;
};

export const toVoiceReply = (message: OutboundMessage): VoiceReply => {
  const options = optionsSentence(message.buttons?.map((b) => b.title) ?? []);
  const extras = [message.link ? voiceMessages.linkSent : '', message.copyText ? voiceMessages.codeSent : ''].filter(Boolean);
  const speech = [toSpeechText(message.text), options, ...extras].filter(Boolean).join(' ');
  const transcript = [message.text, options, ...extras].filter(Boolean).join('\n\n');
  return { speech, transcript };
};
