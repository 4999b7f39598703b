import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type FakeOpenAI } from '../test-support/fakes/fake-openai';
import { createQuoteAssist } from './quote-assist';

const API_KEY = 'sk-test-assist';
const TIMEOUT_MS = 300;

describe('createQuoteAssist', () => {
  let fake: FakeOpenAI;
  const warnings: string[] = [];
  // The first call loads LangChain lazily; only the hang test needs the short deadline.
  const assist = (timeoutMs = 3000) => createQuoteAssist({ baseURL: fake.url, apiKey: API_KEY, model: 'gpt-4o-mini', timeoutMs }, { warn: (_o, m) => void warnings.push(m) });

  beforeAll(async () => {
    fake = await startFakeOpenAI({ apiKey: API_KEY });
  });
  afterAll(async () => fake.close());
  beforeEach(() => {
    fake.requests.length = 0;
    warnings.length = 0;
    fake.setMode('ok');
    fake.setChatReply({ services: ['brake_pads_front', 'brake_fluid'], explanation: 'Freio chiando costuma ser pastilha gasta; vamos trocar e conferir o fluido.' });
  });

  it('maps a complaint to service codes and a customer-facing text through the model', async () => {
    const r = await assist().assist('o freio da frente ta chiando mto');
    expect(r).toEqual({ services: ['brake_pads_front', 'brake_fluid'], explanation: expect.stringContaining('pastilha'), source: 'llm' });
    const body = fake.requests[0]?.body as { response_format?: { type?: string }; messages?: unknown[] };
    expect(body.response_format?.type).toBe('json_schema');
    expect(JSON.stringify(body.messages)).toContain('freio da frente');
  });

  it('refuses numbers from the model: an explanation with a price falls back to the offline answer', async () => {
    fake.setChatReply({ services: ['brake_pads_front'], explanation: 'Fica uns R$ 80 a troca das pastilhas.' });
    const r = await assist().assist('o freio da frente ta chiando');
    expect(r.source).toBe('offline');
    expect(r.explanation).not.toMatch(/\d/);
    expect(warnings).toHaveLength(1);
  });

  it('falls back on unknown service codes, garbage, HTTP 500 and timeouts', async () => {
    fake.setChatReply({ services: ['turbo_kit'], explanation: 'Vamos instalar um turbo na sua moto agora.' });
    expect((await assist().assist('quero trocar o oleo')).source).toBe('offline');
    fake.setMode('garbage');
    const garbage = await assist().assist('quero trocar o oleo da titan');
    expect(garbage).toMatchObject({ source: 'offline', services: ['oil_change'] });
    expect(garbage.explanation).toContain('Troca de óleo e filtro');
    fake.setMode('error500');
    expect((await assist().assist('quero trocar o oleo')).source).toBe('offline');
    fake.setMode('hang');
    const started = Date.now();
    expect((await assist(TIMEOUT_MS).assist('quero trocar o oleo')).source).toBe('offline');
    expect(Date.now() - started).toBeLessThan(TIMEOUT_MS + 250);
  });

  it('keeps only the services the shop prices, and works offline without a model', async () => {
    const r = await assist().assist('freio chiando', { allowed: ['brake_pads_front'] });
    expect(r.services).toEqual(['brake_pads_front']);
    const offline = await createQuoteAssist(null).assist('troca de oleo e vela');
    expect(offline.source).toBe('offline');
    expect(offline.services).toEqual(expect.arrayContaining(['oil_change', 'spark_plug']));
  });
});
