import { withDeadline } from './deadline';
import { chatModel } from './chat-model';
import { z } from 'zod';
import { SERVICE_CODES, SERVICE_LABELS, type ServiceCode } from '../../core/domain/services';
import { understand as understandOffline } from '../../core/nlu/understand';
import { ASSIST_MESSAGES } from '../quotes/messages';

export const quoteAssistOptionsSchema = z.object({
  baseURL: z.string().url(),
  apiKey: z.string().min(1),
  model: z.string().min(1).default('gpt-4o-mini'),
  timeoutMs: z.number().int().positive().default(4000),
});
export type QuoteAssistOptions = z.input<typeof quoteAssistOptionsSchema>;

export interface QuoteAssistLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface QuoteAssistResult {
  readonly services: ServiceCode[];
  /** Short pt-BR text for the customer; never carries prices or numbers. */
  readonly explanation: string;
  readonly source: 'llm' | 'offline';
}

export interface QuoteAssist {
  assist(complaint: string, opts?: { readonly allowed?: readonly ServiceCode[] }): Promise<QuoteAssistResult>;
}

/**
 * What the model may return: catalogue service codes and a short text. Prices,
 * times and quantities always come from the catalogue and history, so a text
 * containing any digit (a price, a time, "2x") is refused.
 */
export const quoteAssistWireSchema = z.object({
  services: z.array(z.enum(SERVICE_CODES)).max(6).describe('catalogue service codes for the complaint; diagnosis when unsure'),
  explanation: z
    .string()
    .min(10)
    .max(400)
    .refine((s) => !/\d|R\$/.test(s), 'no numbers or prices in the explanation')
    .describe('one or two short sentences in Brazilian Portuguese, informal but polite, no prices, no numbers'),
});

export const QUOTE_ASSIST_PROMPT = `Você ajuda uma oficina de motos no Brasil. O cliente descreve um problema com palavras do dia a dia.
Escolha os serviços do catálogo (códigos: ${SERVICE_CODES.join(', ')}) que resolvem o problema; se não tiver certeza, use "diagnosis".
Escreva uma explicação curta para o cliente, em português do Brasil, sem preços, sem números e sem prometer prazos.`;

const LIMIT = 1000;


const restrict = (services: readonly ServiceCode[], allowed?: readonly ServiceCode[]) => {
  const set = allowed ? new Set(allowed) : null;
  return [...new Set(services)].filter((s) => !set || set.has(s));
};

/** The offline answer: the rule-based NLU's services and a templated explanation. */
export const offlineAssist = (complaint: string, allowed?: readonly ServiceCode[]): QuoteAssistResult => {
  const services = restrict(understandOffline(complaint.slice(0, LIMIT)).entities.services ?? [], allowed);
  return { services, explanation: ASSIST_MESSAGES.explain(services.map((s) => SERVICE_LABELS[s])), source: 'offline' };
};

/**
 * Maps a free-text complaint to catalogue services with an OpenAI-compatible model,
 * falling back to the offline NLU on any failure (timeout, HTTP error, invalid or
 * number-carrying answer). Without options (no model configured) it is offline only.
 */
export const createQuoteAssist = (options: QuoteAssistOptions | null, logger?: QuoteAssistLogger): QuoteAssist => {
  if (!options) return { assist: async (complaint, o) => offlineAssist(complaint, o?.allowed) };
  const opts = quoteAssistOptionsSchema.parse(options);
  const chat = chatModel(opts);
  const structured = chat.withStructuredOutput(quoteAssistWireSchema, { name: 'quote_assist' });
  return {
    async assist(complaint, o) {
      try {
        const raw = await withDeadline(opts.timeoutMs, 'quote assist', (signal) =>
          structured.invoke([['system', QUOTE_ASSIST_PROMPT], ['human', complaint.slice(0, LIMIT)]], { signal }),
        );
        // Validate again ourselves: the library's parsing is not our contract.
        const wire = quoteAssistWireSchema.parse(raw);
        const services = restrict(wire.services, o?.allowed);
        if (services.length === 0) throw new Error('no usable service codes');
        return { services, explanation: wire.explanation.trim(), source: 'llm' };
      } catch (err) {
        // The complaint is personal data: log the failure kind only.
        logger?.warn({ err: err instanceof Error ? { name: err.name, message: err.message.slice(0, 200) } : 'unknown' }, 'quote assist failed, using offline nlu');
        return offlineAssist(complaint, o?.allowed);
      }
    },
  };
};
