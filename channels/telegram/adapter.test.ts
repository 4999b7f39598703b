import { describe, expect, it } from 'vitest';
import { describeChannelContract } from '../shared/adapter.contract';
import { telegramAdapter } from './adapter';
import type { TelegramSendParams } from './to-outbound';

const user = { id: 5511987, is_bot: false, first_name: 'Carlos', last_name: 'Souza', username: 'carlos_motoboy' };
const chat = { id: 5511987, first_name: 'Carlos', type: 'private' };
const text = { update_id: 9001, message: { message_id: 42, from: user, chat, date: 1773144000, text: 'oi, quanto fica a revisão?' } };
const choice = {
  update_id: 9002,
  callback_query: {
    id: '4382bfdwdsb323b2d9',
    from: user,
    chat_instance: '-99',
    data: 'approve',
    message: { message_id: 43, chat, date: 1773144000, text: 'Orçamento', reply_markup: { inline_keyboard: [[{ text: 'Aprovar', callback_data: 'approve' }]] } },
  },
};

const calls = (out: unknown) => out as TelegramSendParams[];

describeChannelContract('telegram', telegramAdapter, {
  text,
  choice,
  garbage: [null, 42, 'oi', {}, { update_id: 'x' }, { update_id: 1, message: { message_id: 1 } }, { update_id: 2, edited_message: { text: 'oi' } }],
  renderedText: (out) => calls(out).map((c) => c.text).join('\n'),
  renderedButtons: (out) => calls(out)[0]?.reply_markup?.inline_keyboard.flat().filter((b) => 'callback_data' in b).length ?? 0,
});

describe('telegram adapter', () => {
  const ctx = { channelAccountId: '00000000-0000-4000-8000-000000000001', now: new Date('2026-03-10T12:00:00Z') };

  it('addresses the customer by chat id and keys messages by chat and message id', () => {
    const r = telegramAdapter.toInbound(text, ctx);
    expect(r.ok && r.messages[0]).toMatchObject({
      externalMessageId: '5511987:42',
      from: { kind: 'telegram', address: '5511987', name: 'Carlos Souza' },
      text: 'oi, quanto fica a revisão?',
    });
  });

  it('keeps the tapped button title as text and its data as the choice', () => {
    const r = telegramAdapter.toInbound(choice, ctx);
    expect(r.ok && r.messages[0]).toMatchObject({ externalMessageId: 'cb:4382bfdwdsb323b2d9', text: 'Aprovar', choice: { id: 'approve', title: 'Aprovar' } });
  });

  it('treats /start as a hello', () => {
    const r = telegramAdapter.toInbound({ ...text, message: { ...text.message, text: '/start' } }, ctx);
    expect(r.ok && r.messages[0]?.text).toBe('Oi');
  });

  it('sends the Pix code as a separate monospace message and links as URL buttons', () => {
    const out = telegramAdapter.toOutbound(
      { text: 'Segue o Pix', copyText: '00020126<teste>&6304ABCD', link: { url: 'https://pague.example/os/7', title: 'Pagar' } },
      '777',
    );
    expect(out).toHaveLength(2);
    expect(out[0]).toMatchObject({ chat_id: '777', text: 'Segue o Pix', reply_markup: { inline_keyboard: [[{ text: 'Pagar', url: 'https://pague.example/os/7' }]] } });
    expect(out[1]).toEqual({ chat_id: '777', text: '<code>00020126&lt;teste&gt;&amp;6304ABCD</code>', parse_mode: 'HTML' });
  });

  it('falls back to a numbered list when buttons do not fit an inline keyboard', () => {
    const buttons = Array.from({ length: 9 }, (_, i) => ({ id: `b${i}`, title: `Opção ${i + 1}` }));
    const [out] = telegramAdapter.toOutbound({ text: 'Escolha', buttons }, '1');
    expect(out?.reply_markup).toBeUndefined();
    expect(out?.text).toContain('9) Opção 9');
  });
});
