import { describe, expect, it } from 'vitest';
import { describeChannelContract } from '../shared/adapter.contract';
import { whatsappCloudAdapter } from './adapter';
import { valueToStatuses } from './to-inbound';
import { renderedOptionsOf, renderedTextOf, toGraphMessages, type GraphMessageBody } from './to-outbound';
import { signBody, verifySignature } from './signature';

const ACCOUNT = '00000000-0000-4000-8000-000000000001';
const now = new Date('2026-03-10T12:00:00Z');

/** A delivery shaped as Meta's messages webhook reference documents it. */
const delivery = (message: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
  object: 'whatsapp_business_account',
  entry: [
    {
      id: '102290129340398',
      changes: [
        {
          field: 'messages',
          value: {
            messaging_product: 'whatsapp',
            metadata: { display_phone_number: '15550783881', phone_number_id: '106540352242922' },
            contacts: [{ profile: { name: 'Carlos Souza' }, wa_id: '5511987654321' }],
            messages: [{ from: '5511987654321', id: 'wamid.HBgLMTY1MDM4Nzk0MzkVAgASGBQzQUFERjg0NDEzNDdFODU3MUMxMAA=', timestamp: '1773144000', ...message }],
            ...extra,
          },
        },
      ],
    },
  ],
});

describeChannelContract('whatsapp-cloud', whatsappCloudAdapter, {
  text: delivery({ type: 'text', text: { body: 'oi, quanto fica a revisão?' } }),
  choice: delivery({ type: 'interactive', interactive: { type: 'button_reply', button_reply: { id: 'approve', title: 'Aprovar' } } }),
  garbage: [
    null,
    42,
    'oi',
    {},
    { object: 'page', entry: [] },
    { object: 'whatsapp_business_account', entry: [{ changes: [{ value: { metadata: {} } }] }] },
    delivery({ type: 'reaction', reaction: { message_id: 'x', emoji: '👍' } }),
    delivery({ type: 'text' }),
    delivery({ from: 'not-a-number', type: 'text', text: { body: 'oi' } }),
  ],
  renderedText: (out) => (out as GraphMessageBody[]).map(renderedTextOf).join('\n'),
  renderedButtons: (out) => renderedOptionsOf((out as GraphMessageBody[])[0]!),
});

const inbound = (raw: unknown) => {
  const r = whatsappCloudAdapter.toInbound(raw, { channelAccountId: ACCOUNT, now });
  if (!r.ok) throw new Error(r.reason);
  return r.messages;
};

describe('whatsapp-cloud inbound', () => {
  it('reads the sender as an E.164 phone with the profile name and the message time', () => {
    const [m] = inbound(delivery({ type: 'text', text: { body: 'oi' } }));
    expect(m?.from).toEqual({ kind: 'phone', address: '+5511987654321', name: 'Carlos Souza' });
    expect(m?.receivedAt).toBe(new Date(1773144000 * 1000).toISOString());
  });

  it('maps list replies, template quick replies, locations and media', () => {
    expect(inbound(delivery({ type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: 'status', title: 'Status da OS' } } }))[0]?.choice).toEqual({
      id: 'status',
      title: 'Status da OS',
    });
    expect(inbound(delivery({ type: 'button', button: { payload: 'approve', text: 'Aprovar' } }))[0]?.choice).toEqual({ id: 'approve', title: 'Aprovar' });
    const [loc] = inbound(delivery({ type: 'location', location: { latitude: -23.55, longitude: -46.63, name: 'Oficina' } }));
    expect(loc?.location).toEqual({ latitude: -23.55, longitude: -46.63, name: 'Oficina' });
    const [audio] = inbound(delivery({ type: 'audio', audio: { id: '1003383421387256', mime_type: 'audio/ogg; codecs=opus', voice: true } }));
    expect(audio?.media).toEqual({ kind: 'audio', ref: '1003383421387256', mimeType: 'audio/ogg; codecs=opus' });
    const [img] = inbound(delivery({ type: 'image', image: { id: '55', mime_type: 'image/jpeg', caption: 'o barulho é aqui' } }));
    expect(img).toMatchObject({ text: 'o barulho é aqui', media: { kind: 'image', ref: '55', caption: 'o barulho é aqui' } });
  });

  it('reads delivery receipts, with the error of a failed one', () => {
    const statuses = valueToStatuses({
      metadata: { phone_number_id: '106540352242922' },
      statuses: [
        { id: 'wamid.A', status: 'delivered', timestamp: '1', recipient_id: '5511987654321' },
        { id: 'wamid.B', status: 'failed', errors: [{ code: 131026, title: 'Message undeliverable', error_data: { details: 'Número sem WhatsApp' } }] },
        { id: 'wamid.C', status: 'deleted' },
      ],
    });
    expect(statuses).toEqual([
      { externalMessageId: 'wamid.A', status: 'delivered' },
      { externalMessageId: 'wamid.B', status: 'failed', error: expect.stringContaining('131026') },
    ]);
  });
});

describe('whatsapp-cloud outbound', () => {
  it('uses reply buttons for up to 3 short options and a list for more', () => {
    const [buttons] = toGraphMessages({ text: 'Orçamento', buttons: [{ id: 'approve', title: 'Aprovar' }] }, '+5511987654321');
    expect(buttons).toMatchObject({ to: '5511987654321', type: 'interactive', interactive: { type: 'button' } });
    const many = Array.from({ length: 5 }, (_, i) => ({ id: `o${i}`, title: `Opção ${i}` }));
    const [list] = toGraphMessages({ text: 'Escolha', buttons: many }, '+5511987654321');
    expect(list).toMatchObject({ type: 'interactive', interactive: { type: 'list' } });
    expect(renderedOptionsOf(list!)).toBe(5);
  });

  it('sends the Pix code as its own text message', () => {
    const out = toGraphMessages({ text: 'Pague com Pix', copyText: '00020126580014br.gov.bcb.pix' }, '+5511987654321');
    expect(out.map(renderedTextOf)).toEqual(['Pague com Pix', '00020126580014br.gov.bcb.pix']);
  });
});

describe('whatsapp-cloud signature', () => {
  it('accepts only the HMAC of the exact raw body', () => {
    const body = Buffer.from('{"object":"whatsapp_business_account"}');
    expect(verifySignature(body, signBody(body, 's3cret'), 's3cret')).toBe(true);
    expect(verifySignature(body, signBody(body, 'other'), 's3cret')).toBe(false);
    expect(verifySignature(Buffer.from(`${body} `), signBody(body, 's3cret'), 's3cret')).toBe(false);
    expect(verifySignature(body, undefined, 's3cret')).toBe(false);
    expect(verifySignature(undefined, signBody(body, 's3cret'), 's3cret')).toBe(false);
    expect(verifySignature(body, 'sha256=zz', 's3cret')).toBe(false);
  });
});
