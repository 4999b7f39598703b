import { describe, expect, it } from 'vitest';
import { inboundMessageSchema, type OutboundMessage } from '../../core/messaging/types';
import type { ChannelAdapter } from './adapter';

export interface ContractSamples<Raw> {
  /** A vendor delivery carrying one customer text message "oi, quanto fica a revisão?". */
  readonly text: Raw;
  /** A tapped button / quick reply with id "approve". */
  readonly choice?: Raw;
  /** Deliveries the adapter must reject or ignore without throwing. */
  readonly garbage: readonly unknown[];
  /** Reads the text or body out of a rendered outbound payload, for assertions. */
  readonly renderedText: (out: unknown) => string;
  /** Number of buttons in a rendered outbound payload (0 when rendered as text). */
  readonly renderedButtons: (out: unknown) => number;
}

const ACCOUNT = '00000000-0000-4000-8000-000000000001';

/** Every channel adapter passes this suite (run it from the channel's own test file). */
export const describeChannelContract = <Raw>(name: string, adapter: ChannelAdapter<Raw>, samples: ContractSamples<Raw>) =>
  describe(`channel contract: ${name}`, () => {
    const now = new Date('2026-03-10T12:00:00Z');

    it('turns a text delivery into valid InboundMessages for its channel account', () => {
      const r = adapter.toInbound(samples.text, { channelAccountId: ACCOUNT, now });
      expect(r.ok).toBe(true);
      if (!r.ok) return;
      expect(r.messages.length).toBeGreaterThan(0);
      for (const m of r.messages) {
        expect(inboundMessageSchema.safeParse(m).success).toBe(true);
        expect(m.channelAccountId).toBe(ACCOUNT);
        expect(m.text ?? m.media?.caption ?? '').toMatch(/\S/);
      }
    });

    it('gives a redelivered payload the same message id (dedupe key)', () => {
      const a = adapter.toInbound(samples.text, { channelAccountId: ACCOUNT, now });
      const b = adapter.toInbound(samples.text, { channelAccountId: ACCOUNT, now: new Date(now.getTime() + 60_000) });
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok) expect(b.messages.map((m) => m.externalMessageId)).toEqual(a.messages.map((m) => m.externalMessageId));
    });

    if (samples.choice) {
      it('maps a tapped button to a choice', () => {
        const r = adapter.toInbound(samples.choice!, { channelAccountId: ACCOUNT, now });
        expect(r.ok && r.messages[0]?.choice?.id).toBe('approve');
      });
    }

    it('rejects garbage without throwing', () => {
      for (const g of samples.garbage) {
        expect(() => adapter.toInbound(g as Raw, { channelAccountId: ACCOUNT, now })).not.toThrow();
        const r = adapter.toInbound(g as Raw, { channelAccountId: ACCOUNT, now });
        if (r.ok) expect(r.messages).toHaveLength(0);
      }
    });

    it('renders replies within its capabilities, never losing the options', () => {
      const reply: OutboundMessage = {
        text: 'Orçamento da OS #7: total R$ 113,80',
        buttons: [
          { id: 'approve', title: 'Aprovar' },
          { id: 'reject', title: 'Recusar' },
          { id: 'human', title: 'Falar com atendente' },
        ],
      };
      const out = adapter.toOutbound(reply, 'destino');
      const text = samples.renderedText(out);
      expect(text).toContain('R$ 113,80');
      const buttons = samples.renderedButtons(out);
      if (adapter.capabilities.buttons) expect(buttons).toBeLessThanOrEqual(adapter.capabilities.maxButtons);
      if (buttons < reply.buttons!.length) {
        for (const b of reply.buttons!) expect(text).toContain(b.title); // options survive as text
      }
    });
  });
