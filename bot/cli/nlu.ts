/**
 * `npm run nlu -- "texto"`: prints the NluResult for a message.
 * Offline rules by default; the LLM (with offline fallback) when
 * OPENAI_BASE_URL and OPENAI_API_KEY are set. Read here directly until the
 * lead wires these into bot/config.ts.
 */
import { understand } from '../../core/nlu/understand';
import { createLlmNlu } from '../ai/llm-nlu';

const main = async (): Promise<number> => {
  const text = process.argv.slice(2).join(' ').trim();
  if (!text) {
    process.stderr.write('uso: npm run nlu -- "quanto fica a troca de oleo da titan?"\n');
    return 2;
  }
  const baseURL = process.env.OPENAI_BASE_URL;
  const apiKey = process.env.OPENAI_API_KEY;
  if (baseURL && apiKey) {
    const nlu = createLlmNlu({
      baseURL,
      apiKey,
      model: process.env.OPENAI_MODEL ?? 'gpt-4o-mini',
      timeoutMs: 10_000,
      logger: { warn: (obj, msg) => process.stderr.write(`${msg} ${JSON.stringify(obj)}\n`) },
    });
    process.stdout.write(`${JSON.stringify(await nlu.understand(text), null, 2)}\n`);
  } else {
    process.stdout.write(`${JSON.stringify({ ...understand(text), source: 'offline' }, null, 2)}\n`);
  }
  return 0;
};

process.exitCode = await main();
