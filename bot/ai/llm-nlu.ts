import { withDeadline } from './deadline';
import { chatModel } from './chat-model';
import { understand as understandOffline } from '../../core/nlu/understand';
import type { NluResult } from '../../core/nlu/types';
import { llmNluWireSchema, wireToNluResult } from './llm-nlu-schema';
import { NLU_SYSTEM_PROMPT } from './llm-nlu-prompt';

export interface LlmNluLogger {
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface LlmNluOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly model: string;
  readonly timeoutMs: number;
  readonly logger?: LlmNluLogger;
}

export type SourcedNluResult = NluResult & { readonly source: 'llm' | 'offline' };

export interface LlmNlu {
  understand(text: string): Promise<SourcedNluResult>;
}



/**
 * NLU through an OpenAI-compatible chat model, with the offline rules as the
 * safety net: any failure (timeout, HTTP error, bad JSON, schema mismatch)
 * yields the offline answer, so the conversation never stalls on the LLM.
 * The LLM's entities win; the offline extractors fill keys it left out
 * (plates and mileage are read more reliably by the rules).
 */
export const createLlmNlu = (opts: LlmNluOptions): LlmNlu => {
  const chat = chatModel(opts);
  const structured = chat.withStructuredOutput(llmNluWireSchema, { name: 'nlu_result' });
  return {
    async understand(text) {
      const offline = understandOffline(text);
      try {
        const raw = await withDeadline(opts.timeoutMs, 'LLM NLU', (signal) =>
          structured.invoke(
            [
              ['system', NLU_SYSTEM_PROMPT],
              ['human', text],
            ],
            { signal },
          ),
        );
        const llm = wireToNluResult(raw);
        return { ...llm, entities: { ...offline.entities, ...llm.entities }, source: 'llm' };
      } catch (err) {
        // Message text is personal data: log the failure kind, never the text.
        opts.logger?.warn({ err: err instanceof Error ? { name: err.name, message: err.message } : String(err) }, 'llm nlu failed, using offline nlu');
        return { ...offline, source: 'offline' };
      }
    },
  };
};
