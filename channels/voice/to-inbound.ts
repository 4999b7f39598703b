import { z } from 'zod';
import { normalizePhone } from '../../core/domain/phone';
import type { InboundMessage } from '../../core/messaging/types';

/**
 * What a Twilio-style Gather action posts (application/x-www-form-urlencoded), plus the
 * turn counter our own action URL carries (?t=1, 2, ...): a retried gather has the same
 * CallSid and turn, hence the same message id, and is stored once.
 */
export const gatherParamsSchema = z.object({
  CallSid: z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'CallSid inválido'),
  From: z.string().trim().min(1).max(64),
  To: z.string().max(64).optional(),
  SpeechResult: z.string().max(8192).optional(),
  Confidence: z.string().max(32).optional(),
  turn: z.coerce.number().int().min(1).max(1000),
});
export type GatherParams = z.infer<typeof gatherParamsSchema>;

const SPOKEN_DIGITS: Readonly<Record<string, string>> = {
  um: '1', uma: '1', dois: '2', duas: '2', tres: '3', quatro: '4', cinco: '5', seis: '6', sete: '7', oito: '8', nove: '9',
};

/** "Um." said alone answers a read-out option list ("diga 1 para Aprovar"): pass it on as the digit. */
export const spokenOption = (speech: string): string => {
  const bare = speech.trim().toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[.!?,]+$/, '');
  const m = /^(?:(?:opcao|numero)\s+)?(\S+)$/.exec(bare);
  return (m && SPOKEN_DIGITS[m[1]!]) ?? speech.trim();
};

/** The caller's number as E.164, or null for withheld/anonymous callers. */
export const callerPhone = (from: string): string | null => {
  const r = normalizePhone(from, null);
  return r.ok ? r.e164 : null;
};

export const gatherToInbound = (p: GatherParams, channelAccountId: string, now: Date): InboundMessage[] => {
  const speech = p.SpeechResult?.trim() ?? '';
  const phone = callerPhone(p.From);
  if (!speech || !phone) return [];
  return [
    {
      channelAccountId,
      externalMessageId: `${p.CallSid}:${p.turn}`,
      from: { kind: 'phone', address: phone },
      text: spokenOption(speech),
      receivedAt: now.toISOString(),
    },
  ];
};
