import { z } from 'zod';
import type { Prisma } from '../db/generated/client';
import type { Tx } from '../db/tenant-db';
import type { SecretBox } from '../security/crypto';

export const PROVIDERS = ['mercadopago', 'asaas', 'stripe'] as const;
export type Provider = (typeof PROVIDERS)[number];
export const providerSchema = z.enum(PROVIDERS);

/** Credentials per provider, validated on the way in and on the way out of the sealed column. */
export const providerSecretsSchema = {
  mercadopago: z.object({ accessToken: z.string().min(8), webhookSecret: z.string().min(8) }),
  asaas: z.object({ apiKey: z.string().min(8), webhookToken: z.string().min(8) }),
  stripe: z.object({ secretKey: z.string().min(8), webhookSecret: z.string().min(8) }),
} as const;

export type ProviderSecrets<P extends Provider> = z.infer<(typeof providerSecretsSchema)[P]>;

export const paymentAccountSettingsSchema = z
  .object({
    /** Stripe: offer Pix in Checkout besides card (needs Pix enabled on the Stripe account). */
    stripePix: z.boolean().optional(),
    /** Asaas: days until the Pix charge is due. */
    dueDays: z.number().int().min(0).max(60).optional(),
  })
  .passthrough();
export type PaymentAccountSettings = z.infer<typeof paymentAccountSettingsSchema>;

export interface PaymentAccount<P extends Provider = Provider> {
  readonly id: string;
  readonly provider: P;
  readonly secrets: ProviderSecrets<P>;
  readonly settings: PaymentAccountSettings;
}

/** Creates or replaces a tenant's credentials for one provider, sealed at rest. */
export const savePaymentAccount = async <P extends Provider>(
  tx: Tx,
  box: SecretBox,
  input: { tenantId: string; provider: P; secrets: ProviderSecrets<P>; settings?: PaymentAccountSettings },
): Promise<{ id: string }> => {
  const secrets = providerSecretsSchema[input.provider].parse(input.secrets);
  const settings = paymentAccountSettingsSchema.parse(input.settings ?? {}) as Prisma.InputJsonValue;
  const sealed = box.seal(secrets);
  return tx.paymentAccount.upsert({
    where: { tenantId_provider: { tenantId: input.tenantId, provider: input.provider } },
    create: { tenantId: input.tenantId, provider: input.provider, secretsEnc: sealed, settings, status: 'active' },
    update: { secretsEnc: sealed, settings, status: 'active' },
    select: { id: true },
  });
};

/** The tenant's active account for a provider, opened; null when absent, disabled or unreadable. */
export const loadPaymentAccount = async <P extends Provider>(tx: Tx, box: SecretBox, provider: P): Promise<PaymentAccount<P> | null> => {
  const row = await tx.paymentAccount.findFirst({ where: { provider, status: 'active' } });
  if (!row) return null;
  let opened: unknown;
  try {
    opened = box.openJson(row.secretsEnc);
  } catch {
    return null;
  }
  const secrets = providerSecretsSchema[provider].safeParse(opened);
  const settings = paymentAccountSettingsSchema.safeParse(row.settings);
  if (!secrets.success) return null;
  return {
    id: row.id,
    provider,
    secrets: secrets.data as ProviderSecrets<P>,
    settings: settings.success ? settings.data : {},
  };
};
