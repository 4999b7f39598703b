import { z } from 'zod';
import type { Config } from '../config';

const url = z.string().url();

/**
 * What the payments area needs from configuration (paymentOptionsFromConfig maps them from
 * bot/config.ts; variable names in comments); tests point the base URLs at fakes.
 */
export const paymentOptionsSchema = z.object({
  /** PUBLIC_URL: where providers send webhooks and customers return after paying. */
  publicUrl: url.default('http://localhost:3000'),
  /** MERCADOPAGO_BASE_URL */
  mercadopagoBaseUrl: url.default('https://api.mercadopago.com'),
  /** ASAAS_BASE_URL (sandbox: https://api-sandbox.asaas.com) */
  asaasBaseUrl: url.default('https://api.asaas.com'),
  /** STRIPE_BASE_URL */
  stripeBaseUrl: url.default('https://api.stripe.com'),
  /** PAYMENT_PROVIDER_TIMEOUT_MS */
  timeoutMs: z.coerce.number().int().min(100).max(120_000).default(10_000),
  /** STRIPE_WEBHOOK_TOLERANCE_SECONDS */
  stripeToleranceSeconds: z.coerce.number().int().min(1).max(86_400).default(300),
});

export type PaymentOptions = z.infer<typeof paymentOptionsSchema>;
export type PaymentOptionsInput = z.input<typeof paymentOptionsSchema>;

export const parsePaymentOptions = (input: PaymentOptionsInput = {}): PaymentOptions => paymentOptionsSchema.parse(input);

/** The payment settings of the process configuration, as paymentsModule and the workers take them. */
export const paymentOptionsFromConfig = (config: Config): PaymentOptionsInput => ({
  publicUrl: config.PUBLIC_URL,
  mercadopagoBaseUrl: config.MERCADOPAGO_BASE_URL,
  asaasBaseUrl: config.ASAAS_BASE_URL,
  stripeBaseUrl: config.STRIPE_BASE_URL,
  timeoutMs: config.PAYMENT_PROVIDER_TIMEOUT_MS,
  stripeToleranceSeconds: config.STRIPE_WEBHOOK_TOLERANCE_SECONDS,
});
