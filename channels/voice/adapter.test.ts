import { describe, expect, it } from 'vitest';
import { describeChannelContract } from '../shared/adapter.contract';
import { voiceAdapter } from './adapter';
import type { VoiceReply } from './to-speech';

const CALL = 'CA0123456789abcdef0123456789abcdef';
const gather = (extra: Record<string, unknown> = {}) => ({
  CallSid: CALL,
  From: '+5511987654321',
  To: '+551130000000',
  SpeechResult: 'oi, quanto fica a revisão?',
  Confidence: '0.91',
  turn: '1',
  ...extra,
});

describeChannelContract('voice', voiceAdapter, {
  text: gather(),
  garbage: [null, 42, 'oi', {}, { CallSid: CALL }, gather({ turn: 'x' }), gather({ CallSid: 'a b' }), gather({ From: '' })],
  renderedText: (out) => (out as VoiceReply).transcript,
  renderedButtons: () => 0,
});

const ACCOUNT = '00000000-0000-4000-8000-000000000002';
const now = new Date('2026-03-10T12:00:00Z');

describe('voice adapter', () => {
  it('identifies the caller by phone, in E.164, and keys the message on call and turn', () => {
    const r = voiceAdapter.toInbound(gather({ From: '+55 11 8765-4321', turn: '3' }), { channelAccountId: ACCOUNT, now });
    expect(r.ok && r.messages[0]).toMatchObject({ from: { kind: 'phone', address: '+5511987654321' }, externalMessageId: `${CALL}:3` });
  });

  it('ignores silence and withheld numbers', () => {
    for (const raw of [gather({ SpeechResult: '  ' }), gather({ SpeechResult: undefined }), gather({ From: 'anonymous' })]) {
      const r = voiceAdapter.toInbound(raw, { channelAccountId: ACCOUNT, now });
      expect(r.ok && r.messages).toEqual([]);
    }
  });

  it('passes a spoken option number on as the digit', () => {
    const r = voiceAdapter.toInbound(gather({ SpeechResult: 'Dois.' }), { channelAccountId: ACCOUNT, now });
    expect(r.ok && r.messages[0]?.text).toBe('2');
  });

  it('speaks prices naturally, reads options and drops emoji and links', () => {
    const out = voiceAdapter.toOutbound(
      {
        text: '✅ Orçamento da OS #7:\n- Óleo R$ 45,90\nTotal: R$ 1.113,00',
        buttons: [
          { id: 'approve', title: 'Aprovar' },
          { id: 'reject', title: 'Recusar' },
        ],
        link: { url: 'https://pag.example/abc', title: 'Pagar' },
      },
      'x',
    );
    expect(out.speech).toBe(
      'Orçamento da OS número 7: Óleo 45 reais e 90 centavos. Total: 1113 reais. ' +
        'Para responder, diga 1 para Aprovar ou diga 2 para Recusar. O link está na conversa do WhatsApp.',
    );
    expect(out.transcript).toContain('R$ 1.113,00');
  });
});
