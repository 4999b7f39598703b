import { z } from 'zod';
import type { ProviderSecrets } from '../payment-accounts';
import { centsToReais, requestJson, type FetchLike } from './http';
import type { ChargeInput, CreatedCharge } from './types';

export interface AsaasClientOptions {
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly dueDays: number;
  readonly today: () => Date;
  readonly fetch?: FetchLike;
}

const customerList = z.object({ data: z.array(z.object({ id: z.string() })) });
const customer = z.object({ id: z.string() });
const payment = z.object({ id: z.string(), invoiceUrl: z.string().nullish() });
const qr = z.object({ payload: z.string(), encodedImage: z.string().nullish() });

const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** Asaas API v3: a customer (reused by our customer id), a PIX charge, then its copia-e-cola payload. */
export const asaasClient = (secrets: ProviderSecrets<'asaas'>, o: AsaasClientOptions) => {
  const f = o.fetch ?? fetch;
  const headers = { access_token: secrets.apiKey, 'content-type': 'application/json', 'user-agent': 'MotoGestor' };
  const call = <T>(method: 'GET' | 'POST', path: string, body?: unknown) =>
    requestJson<T>('asaas', f, `${o.baseUrl}${path}`, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      timeoutMs: o.timeoutMs,
    });

  const ensureCustomer = async (payer: ChargeInput['payer']): Promise<string> => {
    const found = customerList.parse(await call('GET', `/v3/customers?externalReference=${encodeURIComponent(payer.externalId)}`));
    if (found.data[0]) return found.data[0].id;
    const created = customer.parse(
      await call('POST', '/v3/customers', {
        name: payer.name,
        externalReference: payer.externalId,
        ...(payer.cpfCnpj ? { cpfCnpj: payer.cpfCnpj } : {}),
        ...(payer.phoneE164 ? { mobilePhone: payer.phoneE164.replace(/^\+55/, '') } : {}),
        ...(payer.email ? { email: payer.email } : {}),
        notificationDisabled: true, // we tell the customer ourselves, on their channel
      }),
    );
    return created.id;
  };

  return {
    createCharge: async (input: ChargeInput): Promise<CreatedCharge> => {
      const customerId = await ensureCustomer(input.payer);
      const due = new Date(o.today().getTime() + o.dueDays * 86_400_000);
      const charge = payment.parse(
        await call('POST', '/v3/payments', {
          customer: customerId,
          billingType: 'PIX',
          value: centsToReais(input.amountCents),
          dueDate: isoDate(due),
          description: input.description,
          externalReference: input.txid,
        }),
      );
      const code = qr.parse(await call('GET', `/v3/payments/${encodeURIComponent(charge.id)}/pixQrCode`));
      return { providerRef: charge.id, linkUrl: charge.invoiceUrl ?? null, pixCode: code.payload };
    },
  };
};
