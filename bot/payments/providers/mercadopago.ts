import { z } from 'zod';
import type { ProviderSecrets } from '../payment-accounts';
import { centsToReais, reaisToCents, requestJson, type FetchLike } from './http';
import type { ChargeInput, CreatedCharge, ProviderPaymentState } from './types';

export interface MercadopagoClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly fetch?: FetchLike;
}

const preferenceResponse = z.object({ id: z.string(), init_point: z.string().url() });
const paymentResponse = z.object({
  id: z.union([z.number(), z.string()]),
  status: z.string(),
  external_reference: z.string().nullish(),
  transaction_amount: z.number().nullish(),
});

/** Mercado Pago Checkout Pro (preferences) and the Payments API, over plain HTTPS with a bearer token. */
export const mercadopagoClient = (secrets: ProviderSecrets<'mercadopago'>, o: MercadopagoClientOptions) => {
  const f = o.fetch ?? fetch;
  const headers = { authorization: `Bearer ${secrets.accessToken}`, 'content-type': 'application/json' };
  return {
    createCharge: async (input: ChargeInput): Promise<CreatedCharge> => {
      const body = {
        items: [{ id: input.txid, title: input.description, quantity: 1, currency_id: 'BRL', unit_price: centsToReais(input.amountCents) }],
        external_reference: input.txid,
        notification_url: input.notificationUrl,
        back_urls: { success: input.returnUrl, pending: input.returnUrl, failure: input.returnUrl },
        payer: { name: input.payer.name, ...(input.payer.email ? { email: input.payer.email } : {}) },
      };
      const raw = await requestJson<unknown>('mercadopago', f, `${o.baseUrl}/checkout/preferences`, {
        method: 'POST',
        headers: { ...headers, 'x-idempotency-key': input.txid },
        body: JSON.stringify(body),
        timeoutMs: o.timeoutMs,
      });
      const pref = preferenceResponse.parse(raw);
      return { providerRef: pref.id, linkUrl: pref.init_point, pixCode: null };
    },
    getPayment: async (id: string): Promise<ProviderPaymentState> => {
      const raw = await requestJson<unknown>('mercadopago', f, `${o.baseUrl}/v1/payments/${encodeURIComponent(id)}`, {
        method: 'GET',
        headers,
        timeoutMs: o.timeoutMs,
      });
      const p = paymentResponse.parse(raw);
      return {
        providerRef: String(p.id),
        txid: p.external_reference ?? null,
        paid: p.status === 'approved',
        amountCents: p.transaction_amount == null ? null : reaisToCents(p.transaction_amount),
        status: p.status,
      };
    },
  };
};
