import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { readBody, sendJson as send } from './http';

/**
 * Asaas API v3 for tests: customers, PIX charges and their QR code, in Asaas's wire
 * format (header `access_token`, values in reais). Webhooks are sent by the test with
 * the `asaas-access-token` header (see asaasWebhook).
 */
export interface FakeAsaasRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly accessToken: string | undefined;
  readonly body: unknown;
}

export interface FakeAsaas {
  readonly url: string;
  readonly requests: FakeAsaasRequest[];
  close(): Promise<void>;
}

const asaasError = (code: string, description: string) => ({ errors: [{ code, description }] });

export const startFakeAsaas = async (apiKey: string): Promise<FakeAsaas> => {
  const requests: FakeAsaasRequest[] = [];
  const customers: { id: string; externalReference: string | null; name: string }[] = [];
  const payments = new Map<string, { id: string; value: number; externalReference: string | null }>();
  const server = createServer(async (req, res) => {
    const [path = '/', query = ''] = (req.url ?? '/').split('?');
    const raw = await readBody(req);
    let body: unknown = null;
    try {
      body = raw ? JSON.parse(raw) : null;
    } catch {
      send(res, 400, asaasError('invalid_json', 'JSON inválido'));
      return;
    }
    const accessToken = req.headers['access_token'] as string | undefined;
    requests.push({ method: req.method ?? '', path, query, accessToken, body });
    if (accessToken !== apiKey) {
      send(res, 401, asaasError('invalid_access_token', 'A chave de API fornecida é inválida'));
      return;
    }
    const b = (body ?? {}) as Record<string, unknown>;
    if (req.method === 'GET' && path === '/v3/customers') {
      const ext = new URLSearchParams(query).get('externalReference');
      const data = customers.filter((c) => !ext || c.externalReference === ext).map((c) => ({ object: 'customer', ...c }));
      send(res, 200, { object: 'list', hasMore: false, totalCount: data.length, limit: 10, offset: 0, data });
      return;
    }
    if (req.method === 'POST' && path === '/v3/customers') {
      if (typeof b.name !== 'string' || !b.name) return send(res, 400, asaasError('invalid_name', 'O nome do cliente é obrigatório'));
      const c = { id: `cus_${randomBytes(6).toString('hex')}`, name: b.name, externalReference: (b.externalReference as string) ?? null };
      customers.push(c);
      send(res, 200, { object: 'customer', ...c });
      return;
    }
    if (req.method === 'POST' && path === '/v3/payments') {
      if (b.billingType !== 'PIX' || typeof b.value !== 'number' || !customers.some((c) => c.id === b.customer)) {
        return send(res, 400, asaasError('invalid_object', 'Cobrança inválida'));
      }
      const p = { id: `pay_${randomBytes(6).toString('hex')}`, value: b.value, externalReference: (b.externalReference as string) ?? null };
      payments.set(p.id, p);
      send(res, 200, {
        object: 'payment',
        ...p,
        customer: b.customer,
        billingType: 'PIX',
        status: 'PENDING',
        dueDate: b.dueDate,
        netValue: p.value,
        invoiceUrl: `https://www.asaas.com/i/${p.id.slice(4)}`,
      });
      return;
    }
    const qr = /^\/v3\/payments\/([^/]+)\/pixQrCode$/.exec(path);
    if (req.method === 'GET' && qr) {
      const p = payments.get(decodeURIComponent(qr[1]!));
      if (!p) return send(res, 404, asaasError('not_found', 'Cobrança não encontrada'));
      send(res, 200, {
        encodedImage: Buffer.from('fake-png').toString('base64'),
        payload: `00020101021226820014br.gov.bcb.pix2560pix.asaas.com/qr/cobv/${p.id}5204000053039865802BR5905ASAAS6009SAO PAULO62070503***6304ABCD`,
        expirationDate: '2099-12-31 23:59:59',
      });
      return;
    }
    send(res, 404, asaasError('not_found', 'Recurso não encontrado'));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, requests, close: () => new Promise((r) => server.close(() => r())) };
};

/** A webhook body as Asaas sends it for a payment event. */
export const asaasWebhook = (event: string, payment: { id: string; value: number; externalReference?: string | null }, id = `evt_${randomBytes(8).toString('hex')}`) => ({
  id,
  event,
  dateCreated: '2026-11-29 10:00:00',
  payment: {
    object: 'payment',
    id: payment.id,
    value: payment.value,
    netValue: payment.value,
    billingType: 'PIX',
    status: event === 'PAYMENT_RECEIVED' ? 'RECEIVED' : event === 'PAYMENT_CONFIRMED' ? 'CONFIRMED' : 'PENDING',
    externalReference: payment.externalReference ?? null,
  },
});
