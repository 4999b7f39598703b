import { ChatOpenAI } from '@langchain/openai';

export interface ChatModelOptions {
  readonly baseURL: string;
  readonly apiKey: string;
  readonly model: string;
  readonly timeoutMs: number;
}

/**
 * The chat model every structured call uses: deterministic, one retry at most (LangChain
 * retries 6 times by default, with backoff), and a timeout; callers add a hard deadline.
 */
export const chatModel = (opts: ChatModelOptions): ChatOpenAI =>
  new ChatOpenAI({
    model: opts.model,
    apiKey: opts.apiKey,
    configuration: { baseURL: opts.baseURL },
    maxRetries: 1,
    timeout: opts.timeoutMs,
    temperature: 0,
  });
