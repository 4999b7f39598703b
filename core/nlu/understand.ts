import { classifyIntent } from './classify-intent';
import { extractKm, extractOrderNumber, extractPlate } from './extract-ids';
import { extractMotorcycle } from './extract-motorcycle';
import { extractLineNumbers, extractName, extractYesNo } from './extract-replies';
import { extractServices } from './extract-services';
import { extractWhen } from './extract-when';
import { normalize } from './normalize';
import type { Entities, NluResult } from './types';

const extractEntities = (original: string, text: string): Entities => {
  const plate = extractPlate(text);
  // A plate's digits must not be read as a year or mileage.
  const rest = plate ? text.replace(new RegExp(`${plate.slice(0, 3)}\\s*-?\\s*${plate.slice(3)}`, 'i'), ' ') : text;
  const motorcycle = extractMotorcycle(rest);
  const km = extractKm(rest);
  const { services, symptoms } = extractServices(rest);
  const when = extractWhen(rest);
  const name = extractName(original);
  const orderNumber = extractOrderNumber(rest);
  return {
    ...(motorcycle ? { motorcycle } : {}),
    ...(plate ? { plate } : {}),
    ...(km !== undefined ? { km } : {}),
    ...(services.length ? { services } : {}),
    ...(symptoms.length ? { symptoms } : {}),
    ...(when ? { when } : {}),
    ...(name ? { name } : {}),
    ...(orderNumber ? { orderNumber } : {}),
  };
};

/** Offline NLU: what a pt-BR WhatsApp message wants and what it mentions. */
export const understand = (input: string): NluResult => {
  const n = normalize(input);
  const entities = extractEntities(input, n.text);
  const yesNo = extractYesNo(n.text, n.emojiYesNo);
  const { intent, confidence } = classifyIntent(n.text, n.tokens.length, entities, yesNo);
  const reply = intent === 'approve' ? 'yes' : intent === 'reject' ? 'no' : yesNo;
  const lineNumbers = intent === 'approve' || intent === 'reject' ? extractLineNumbers(n.text) : undefined;
  return {
    intent,
    confidence,
    entities: {
      ...entities,
      ...(reply ? { yesNo: reply } : {}),
      ...(lineNumbers ? { lineNumbers } : {}),
    },
  };
};
