import { describe, expect, it } from 'vitest';
import { describeChannelContract } from '../shared/adapter.contract';
import { baileysAdapter } from './adapter';
import { baileysToInbound } from './to-inbound';
import { DEFAULT_LIMITS, emptyGovernorState, planSend } from './governor';

const ACCOUNT = '00000000-0000-4000-8000-000000000001';
const now = new Date('2026-03-10T12:00:00Z');
const msg = (key: Record<string, unknown>, message: Record<string, unknown>) => ({ key: { id: 'ABC123', ...key }, message, pushName: 'Joana' });

describeChannelContract('whatsapp_baileys', baileysAdapter, {
  text: { type: 'notify', messages: [msg({ remoteJid: '5511987654321@s.whatsapp.net' }, { conversation: 'oi, quanto fica a revisão?' })] },
  garbage: [null, 42, 'oi', {}, { messages: 'x', type: 'notify' }, { type: 'notify', messages: [null, 7, { key: {} }] }],
  renderedText: (out) => (out as { text: string }).text,
  renderedButtons: () => 0,
});

describe('baileys to-inbound', () => {
  const conv = (key: Record<string, unknown>, message: Record<string, unknown> = { conversation: 'oi' }) =>
    baileysToInbound(msg(key, message) as never, ACCOUNT, now);

  it('ignores groups, status, broadcasts, newsletters and our own messages', () => {
    expect(conv({ remoteJid: '120363000000000000@g.us', participant: '5511987654321@s.whatsapp.net' })).toBeNull();
    expect(conv({ remoteJid: 'status@broadcast' })).toBeNull();
    expect(conv({ remoteJid: '12345@broadcast' })).toBeNull();
    expect(conv({ remoteJid: '12036300000@newsletter' })).toBeNull();
    expect(conv({ remoteJid: '5511987654321@s.whatsapp.net', fromMe: true })).toBeNull();
  });

  it('reads text from every kind of message a customer sends', () => {
    const jid = { remoteJid: '5511987654321@s.whatsapp.net' };
    expect(conv(jid, { extendedTextMessage: { text: 'bom dia' } })?.text).toBe('bom dia');
    expect(conv(jid, { buttonsResponseMessage: { selectedButtonId: 'approve', selectedDisplayText: 'Aprovar' } })?.choice).toEqual({ id: 'approve', title: 'Aprovar' });
    expect(conv(jid, { listResponseMessage: { title: 'Revisão', singleSelectReply: { selectedRowId: 'rev' } } })?.choice?.id).toBe('rev');
    const img = conv(jid, { imageMessage: { caption: 'olha o pneu', mimetype: 'image/jpeg' } });
    expect(img?.text).toBe('olha o pneu');
    expect(img?.media?.kind).toBe('image');
    const audio = conv({ ...jid, id: 'VOICE-1' }, { audioMessage: { mimetype: 'audio/ogg' } });
    expect(audio?.media).toEqual({ kind: 'audio', ref: 'VOICE-1', mimeType: 'audio/ogg' }); // the session downloads it by key id
    expect(conv(jid, { protocolMessage: {} })).toBeNull();
  });

  it('maps an @lid sender to the phone WhatsApp gave, else keeps the lid', () => {
    const mapped = conv({ remoteJid: '123456789012345@lid', remoteJidAlt: '5511987654321@s.whatsapp.net' });
    expect(mapped?.from).toEqual({ kind: 'phone', address: '+5511987654321', name: 'Joana' });
    const unmapped = conv({ remoteJid: '123456789012345@lid' });
    expect(unmapped?.from).toEqual({ kind: 'whatsapp_lid', address: '123456789012345@lid', name: 'Joana' });
    expect(unmapped?.externalMessageId).toBe('ABC123');
  });

  it('renders buttons as numbered text', () => {
    const out = baileysAdapter.toOutbound({ text: 'Aprova?', buttons: [{ id: 'a', title: 'Aprovar' }, { id: 'r', title: 'Recusar' }] }, 'x');
    expect(out.text).toBe('Aprova?\n\n1) Aprovar\n2) Recusar');
  });
});

describe('baileys governor', () => {
  it('refuses cold outreach', () => {
    expect(planSend(emptyGovernorState(), { to: 'a', now: 0, textLength: 10, customerWroteFirst: false })).toEqual({ ok: false, code: 'COLD_OUTREACH' });
  });

  it('types for a time proportional to length, within bounds', () => {
    const short = planSend(emptyGovernorState(), { to: 'a', now: 0, textLength: 5, customerWroteFirst: true });
    const long = planSend(emptyGovernorState(), { to: 'a', now: 0, textLength: 100, customerWroteFirst: true });
    const huge = planSend(emptyGovernorState(), { to: 'a', now: 0, textLength: 5000, customerWroteFirst: true });
    expect(short.ok && long.ok && huge.ok).toBe(true);
    if (!short.ok || !long.ok || !huge.ok) return;
    expect(short.typingMs).toBe(DEFAULT_LIMITS.typingMinMs);
    expect(long.typingMs).toBe(4000);
    expect(huge.typingMs).toBe(DEFAULT_LIMITS.typingMaxMs);
  });

  it('spaces messages to one chat by 2 s and caps 20 a minute per chat and N per number', () => {
    let state = emptyGovernorState();
    const times: number[] = [];
    for (let i = 0; i < 25; i++) {
      const d = planSend(state, { to: 'a', now: 0, textLength: 1, customerWroteFirst: true });
      if (!d.ok) throw new Error('refused');
      state = d.state;
      times.push(d.sendAt);
    }
    for (let i = 1; i < times.length; i++) expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(2000);
    for (let i = 20; i < times.length; i++) expect(times[i]! - times[i - 20]!).toBeGreaterThanOrEqual(60_000);
    let shop = emptyGovernorState();
    const limits = { ...DEFAULT_LIMITS, perNumberPerMinute: 3, typingMinMs: 0 };
    const at: number[] = [];
    for (const to of ['a', 'b', 'c', 'd']) {
      const d = planSend(shop, { to, now: 0, textLength: 0, customerWroteFirst: true }, limits);
      if (!d.ok) throw new Error('refused');
      shop = d.state;
      at.push(d.sendAt);
    }
    expect(at.slice(0, 3)).toEqual([0, 0, 0]);
    expect(at[3]).toBe(60_000);
  });
});

describe('baileys to-inbound with hostile input', () => {
  it('never throws and keeps fields within our limits', () => {
    const huge = 'x'.repeat(100_000);
    const r = baileysAdapter.toInbound(
      {
        type: 'notify',
        messages: [
          { key: { id: 'H1', remoteJid: '5511987654321@s.whatsapp.net' }, message: { imageMessage: { caption: huge, mimetype: huge } } },
          { key: { id: 'H2', remoteJid: '5511987654321@s.whatsapp.net' }, message: { conversation: huge } },
          { key: { id: 42, remoteJid: {} }, message: { conversation: 'oi' } },
          { key: { id: 'H3', remoteJid: 'lixo' }, message: { conversation: 'oi' } },
          { key: { id: 'H4', remoteJid: '5511987654321@s.whatsapp.net' }, message: { conversation: '   ' } },
        ],
      },
      { channelAccountId: ACCOUNT, now },
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.messages.map((m) => m.externalMessageId)).toEqual(['H1', 'H2']);
    expect(r.messages[0]!.media?.caption?.length).toBe(4096);
    expect(r.messages[1]!.text?.length).toBe(8192);
  });
});
