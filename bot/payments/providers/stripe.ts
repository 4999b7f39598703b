import { z } from 'zod';
import type { ProviderSecrets } from '../payment-accounts';
import { requestJson, type FetchLike } from './http';
import type { ChargeInput, CreatedCharge } from './types';

export interface StripeClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  /** Offer Pix besides card (the Stripe account must have Pix enabled). */
  readonly pix: boolean;
  readonly fetch?: FetchLike;
}

const session = z.object({ id: z.string(), url: z.string().url() });

/** Stripe Checkout Sessions over plain HTTPS: form-encoded, bearer secret key, amounts in centavos. */
export const stripeClient = (secrets: ProviderSecrets<'stripe'>, o: StripeClientOptions) => {
  const f = o.fetch ?? fetch;
  return {
    createCharge: async (input: ChargeInput): Promise<CreatedCharge> => {
      const form = new URLSearchParams();
      form.set('mode', 'payment');
      form.set('client_reference_id', input.txid);
      form.set('metadata[txid]', input.txid);
      form.set('success_url', input.returnUrl);
      form.set('cancel_url', input.returnUrl);
      form.set('line_items[0][quantity]', '1');
      form.set('line_items[0][price_data][currency]', 'brl');
      form.set('line_items[0][price_data][unit_amount]', String(input.amountCents));
      form.set('line_items[0][price_data][product_data][name]', input.description);
      form.set('payment_method_types[0]', 'card');
      if (o.pix) form.set('payment_method_types[1]', 'pix');
      if (input.payer.email) form.set('customer_email', input.payer.email);
      const raw = await requestJson<unknown>('stripe', f, `${o.baseUrl}/v1/checkout/sessions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${secrets.secretKey}`,
          'content-type': 'application/x-www-form-urlencoded',
          'idempotency-key': `checkout-${input.txid}`,
        },
        body: form.toString(),
        timeoutMs: o.timeoutMs,
      });
      const s = session.parse(raw);
      return { providerRef: s.id, linkUrl: s.url, pixCode: null };
    },
  };
};
