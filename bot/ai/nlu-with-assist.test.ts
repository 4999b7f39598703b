import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config';
import { nluFor } from '../platform';
import { startFakeOpenAI, type FakeOpenAI } from '../test-support/fakes/fake-openai';

/** Builds an OpenAI chat completion whose content is the given JSON (structured output via json_schema). */
const completion = (content: unknown) => ({
  status: 200,
  body: {
    id: 'chatcmpl-test',
    object: 'chat.completion',
    created: Math.floor(Date.now() / 1000),
    model: 'fake',
    choices: [{ index: 0, message: { role: 'assistant', content: JSON.stringify(content) }, finish_reason: 'stop' }],
    usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 },
  },
});

const nullEntities = {
  motorcycle: null, plate: null, km: null, services: null, symptoms: null, when: null, yesNo: null, name: null, orderNumber: null, lineNumbers: null,
};

describe('understanding with an OpenAI-compatible model configured', () => {
  let ai: FakeOpenAI;
  beforeAll(async () => {
    ai = await startFakeOpenAI({ apiKey: 'sk-test' });
    ai.route('POST', '/v1/chat/completions', ({ req }) => {
      const name = (req.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name;
      return name === 'quote_assist'
        ? completion({ services: ['injector_cleaning', 'spark_plug'], explanation: 'Pode ser sujeira no bico ou a vela; a gente confirma na oficina.' })
        : completion({ intent: 'quote_request', confidence: 0.9, entities: nullEntities });
    });
  });
  afterAll(async () => ai?.close());

  it('maps a free-text complaint to catalogue services through the model', async () => {
    const understand = nluFor(
      loadConfig({ OPENAI_BASE_URL: ai.url, OPENAI_API_KEY: 'sk-test', OPENAI_TIMEOUT_MS: '3000' }),
      pino({ level: 'silent' }),
    );
    const r = await understand('orcamento pra moto que ta falhando quando esquenta');
    expect(r.intent).toBe('quote_request');
    expect(r.entities.services).toEqual(['injector_cleaning', 'spark_plug']);
    const asked = ai.requests.map((q) => (q.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name);
    expect(asked).toEqual(expect.arrayContaining(['nlu_result', 'quote_assist']));
  });

  it('keeps the services the customer named, without asking the model to guess', async () => {
    const before = ai.requests.length;
    const understand = nluFor(loadConfig({ OPENAI_BASE_URL: ai.url, OPENAI_API_KEY: 'sk-test' }), pino({ level: 'silent' }));
    const r = await understand('quanto fica a troca de oleo da minha titan?');
    expect(r.entities.services).toEqual(['oil_change']);
    const names = ai.requests.slice(before).map((q) => (q.body as { response_format?: { json_schema?: { name?: string } } }).response_format?.json_schema?.name);
    expect(names).not.toContain('quote_assist');
  });
});
