import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../test-support/fakes/fake-openai';
import { createLlmNlu, type LlmNluLogger } from './llm-nlu';

const API_KEY = 'sk-test-nlu';
const TIMEOUT_MS = 300;

const goodWire = {
  intent: 'schedule',
  confidence: 0.92,
  entities: {
    motorcycle: { brand: 'Honda', model: 'Titan', familyId: 'cg160', year: 2019 },
    plate: null,
    km: null,
    services: ['oil_change'],
    symptoms: null,
    when: { dayOffset: 1, weekday: null, hour: null, minute: null, period: 'manha', text: 'amanha cedo' },
    yesNo: null,
    name: null,
    orderNumber: null,
    lineNumbers: null,
  },
};

describe('createLlmNlu', () => {
  let fake: FakeOpenAI;
  const warnings: string[] = [];
  const logger: LlmNluLogger = { warn: (_obj, msg) => void warnings.push(msg) };
  const nlu = (apiKey = API_KEY) => createLlmNlu({ baseURL: fake.url, apiKey, model: 'gpt-4o-mini', timeoutMs: TIMEOUT_MS, logger });

  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: API_KEY });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.requests.length = 0;
    warnings.length = 0;
    fake.setMode('ok');
    fake.setChatReply(goodWire);
  });

  it('uses the model answer when it is valid, sending the key and a json_schema response format', async () => {
    const r = await nlu().understand('posso levar a titan amanha cedo pra trocar o oleo? placa abc1d23');
    expect(r.source).toBe('llm');
    expect(r.intent).toBe('schedule');
    expect(r.entities.motorcycle).toEqual({ brand: 'Honda', model: 'Titan', familyId: 'cg160', year: 2019 });
    expect(r.entities.when).toEqual({ dayOffset: 1, period: 'manha', text: 'amanha cedo' });
    // Keys the model left null are filled by the offline extractors.
    expect(r.entities.plate).toBe('ABC1D23');
    const req = fake.requests[0];
    expect(req?.path).toBe('/v1/chat/completions');
    expect(req?.authorized).toBe(true);
    const body = req?.body as { response_format?: { type?: string }; messages?: unknown[] };
    expect(body.response_format?.type).toBe('json_schema');
    expect(JSON.stringify(body.messages)).toContain('posso levar a titan');
    expect(warnings).toEqual([]);
  });

  it('falls back to the offline NLU when the model answers garbage', async () => {
    fake.setMode('garbage');
    const r = await nlu().understand('quanto fica a troca de oleo da minha titan?');
    expect(r.source).toBe('offline');
    expect(r.intent).toBe('quote_request');
    expect(r.entities.services).toEqual(['oil_change']);
    expect(warnings.length).toBe(1);
  });

  it('falls back when the answer is JSON that does not fit the schema', async () => {
    fake.setChatReply({ intent: 'buy_pizza', confidence: 7, entities: {} });
    const r = await nlu().understand('sim');
    expect(r.source).toBe('offline');
    expect(r.intent).toBe('approve');
  });

  it('falls back on HTTP 500', async () => {
    fake.setMode('error500');
    const r = await nlu().understand('parar');
    expect(r.source).toBe('offline');
    expect(r.intent).toBe('opt_out');
    expect(fake.requests.length).toBeGreaterThanOrEqual(1);
  });

  it('falls back on a wrong API key (401)', async () => {
    const r = await nlu('sk-wrong').understand('me liga pfv');
    expect(r.source).toBe('offline');
    expect(r.intent).toBe('human');
    expect(fake.requests[0]?.authorized).toBe(false);
  });

  it('falls back within the timeout when the server hangs', async () => {
    fake.setMode('hang');
    const started = Date.now();
    const r = await nlu().understand('ja ta pronta?');
    const elapsed = Date.now() - started;
    expect(r.source).toBe('offline');
    expect(r.intent).toBe('order_status');
    expect(elapsed).toBeLessThan(TIMEOUT_MS + 250);
  });
});
