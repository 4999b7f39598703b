import OpenAI, { toFile } from 'openai';
import type { Logger } from 'pino';
import { z } from 'zod';
import { VOICE_NOTE_FALLBACK } from '../../channels/voice/messages';

export { VOICE_NOTE_FALLBACK };

/** Options for speech-to-text; every field optional so a zero-config start simply has none. */
export const transcriberOptionsSchema = z.object({
  /** OPENAI_BASE_URL: an OpenAI-compatible API ending in /v1. Unset: no transcription. */
  baseURL: z.string().url().optional(),
  /** OPENAI_API_KEY. Unset: no transcription. */
  apiKey: z.string().min(1).optional(),
  /** OPENAI_TRANSCRIBE_MODEL (default whisper-1). */
  model: z.string().min(1).default('whisper-1'),
  /** OPENAI_TIMEOUT_MS (default 8000). */
  timeoutMs: z.number().int().min(100).max(120_000).default(8000),
});
export type TranscriberOptions = z.input<typeof transcriberOptionsSchema>;

export interface VoiceNote {
  readonly bytes: Uint8Array;
  /** As the channel reported it; WhatsApp and Telegram voice notes are OGG/Opus. */
  readonly mimeType?: string;
}

export interface Transcriber {
  /** The spoken text, or null when it could not be had (no endpoint, error, timeout, silence). */
  transcribe(note: VoiceNote): Promise<string | null>;
}

const MAX_BYTES = 25 * 1024 * 1024; // OpenAI's upload limit for audio

const fileNameFor = (mimeType: string): string => {
  const sub = mimeType.split(';')[0]!.split('/')[1] ?? 'ogg';
  const ext = sub === 'mpeg' ? 'mp3' : sub.replace(/[^a-z0-9]/gi, '') || 'ogg';
  return `voice-note.${ext}`;
};

/** Speech-to-text through the official OpenAI client (audio.transcriptions), pt-BR. */
export const createTranscriber = (input: TranscriberOptions, logger?: Logger): Transcriber => {
  const opts = transcriberOptionsSchema.parse(input);
  if (!opts.baseURL || !opts.apiKey) return { transcribe: async () => null };
  const client = new OpenAI({ baseURL: opts.baseURL, apiKey: opts.apiKey, timeout: opts.timeoutMs, maxRetries: 0 });
  return {
    transcribe: async (note) => {
      if (note.bytes.byteLength === 0 || note.bytes.byteLength > MAX_BYTES) return null;
      const mimeType = note.mimeType?.trim() || 'audio/ogg';
      try {
        const file = await toFile(note.bytes, fileNameFor(mimeType), { type: mimeType });
        const result = await client.audio.transcriptions.create({ file, model: opts.model, language: 'pt' });
        const text = typeof result.text === 'string' ? result.text.trim() : '';
        return text.length > 0 ? text.slice(0, 10_000) : null;
      } catch (err) {
        // The caller falls back to asking for text; the audio and its words are never logged.
        logger?.warn({ err: (err as Error).name, detail: (err as Error).message.slice(0, 200), status: (err as { status?: number }).status }, 'voice note transcription failed');
        return null;
      }
    },
  };
};

export type VoiceNoteText = { readonly ok: true; readonly transcript: string } | { readonly ok: false; readonly reply: string };

/**
 * For the WhatsApp and Telegram channels: a voice note's bytes in, its words out (put
 * them in InboundMessage.media.transcript), or the polite pt-BR request to type instead.
 */
export const voiceNoteToText = async (transcriber: Transcriber, note: VoiceNote): Promise<VoiceNoteText> => {
  const transcript = await transcriber.transcribe(note);
  return transcript ? { ok: true, transcript } : { ok: false, reply: VOICE_NOTE_FALLBACK };
};
