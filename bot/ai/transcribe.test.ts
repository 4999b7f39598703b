import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startFakeOpenAI, transcriptionHandler, type FakeOpenAI } from '../test-support/fakes/fake-openai';
import { createTranscriber, voiceNoteToText, VOICE_NOTE_FALLBACK } from './transcribe';

// The first bytes of an OGG/Opus voice note ("OggS" capture pattern + OpusHead).
const OGG = new Uint8Array([...Buffer.from('OggS\0\x02'), ...new Array(20).fill(0), ...Buffer.from('OpusHead'), 1, 1, 0x38, 1]);

describe('voice note transcription', () => {
  let fake: FakeOpenAI;
  beforeAll(async () => {
    fake = await startFakeOpenAI();
    fake.route('POST', '/v1/audio/transcriptions', transcriptionHandler(() => 'quero fazer a revisão da minha bros 2020'));
  });
  afterAll(async () => fake?.close());

  const transcriber = (timeoutMs = 5000) => createTranscriber({ baseURL: fake.url, apiKey: 'sk-test-fake', model: 'whisper-1', timeoutMs });

  it('returns the text of an OGG/Opus voice note, asking for Portuguese', async () => {
    fake.setMode('ok');
    const before = fake.requests.length;
    expect(await transcriber().transcribe({ bytes: OGG, mimeType: 'audio/ogg; codecs=opus' })).toBe('quero fazer a revisão da minha bros 2020');
    const req = fake.requests.slice(before).find((r) => r.path === '/v1/audio/transcriptions')!;
    expect(req.authorized).toBe(true);
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data/);
    const body = String(req.body);
    expect(body).toMatch(/name="model"\r\n\r\nwhisper-1/);
    expect(body).toMatch(/name="language"\r\n\r\npt/);
    expect(body).toMatch(/name="file"; filename="voice-note\.ogg"/);
    expect(body).toContain('OpusHead');
  });

  it('gives null on a server error, so the bot asks for text', async () => {
    fake.setMode('error500');
    expect(await transcriber().transcribe({ bytes: OGG })).toBeNull();
    expect(await voiceNoteToText(transcriber(), { bytes: OGG })).toEqual({ ok: false, reply: VOICE_NOTE_FALLBACK });
    expect(VOICE_NOTE_FALLBACK).toMatch(/escrito/);
  });

  it('gives null on a timeout, within the time allowed', async () => {
    fake.setMode('hang');
    const t0 = Date.now();
    expect(await transcriber(300).transcribe({ bytes: OGG })).toBeNull();
    expect(Date.now() - t0).toBeLessThan(5000);
  });

  it('gives null without calling anyone when no endpoint is configured, or for empty audio', async () => {
    fake.setMode('ok');
    const before = fake.requests.length;
    expect(await createTranscriber({}).transcribe({ bytes: OGG })).toBeNull();
    expect(await transcriber().transcribe({ bytes: new Uint8Array() })).toBeNull();
    expect(fake.requests.length).toBe(before);
    expect(await voiceNoteToText(transcriber(), { bytes: OGG })).toEqual({ ok: true, transcript: 'quero fazer a revisão da minha bros 2020' });
  });
});
