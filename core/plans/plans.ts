import { z } from 'zod';

/** Plans are data: the server enforces them, the admin web reflects them. */
export const planIdSchema = z.enum(['basico', 'pro', 'premium']);
export type PlanId = z.infer<typeof planIdSchema>;

export const planFeaturesSchema = z.object({
  aiQuotes: z.boolean(),
  voice: z.boolean(),
  paymentProviders: z.boolean(),
  automations: z.boolean(),
  whatsappCloud: z.boolean(),
  csvImport: z.boolean(),
  auditLog: z.boolean(),
  maxStaff: z.number().int().positive(),
  maxChannels: z.number().int().positive(),
});
export type PlanFeatures = z.infer<typeof planFeaturesSchema>;
export type BooleanFeature = { [K in keyof PlanFeatures]: PlanFeatures[K] extends boolean ? K : never }[keyof PlanFeatures];

export const PLANS: Readonly<Record<PlanId, { readonly label: string; readonly features: PlanFeatures }>> = {
  basico: {
    label: 'Básico',
    features: { aiQuotes: false, voice: false, paymentProviders: false, automations: false, whatsappCloud: true, csvImport: false, auditLog: false, maxStaff: 2, maxChannels: 2 },
  },
  pro: {
    label: 'Pro',
    features: { aiQuotes: true, voice: false, paymentProviders: true, automations: false, whatsappCloud: true, csvImport: true, auditLog: true, maxStaff: 5, maxChannels: 4 },
  },
  premium: {
    label: 'Premium',
    features: { aiQuotes: true, voice: true, paymentProviders: true, automations: true, whatsappCloud: true, csvImport: true, auditLog: true, maxStaff: 20, maxChannels: 10 },
  },
};

/** Unknown plan names (old rows) get the most restrictive plan, never more. */
export const featuresOf = (plan: string): PlanFeatures => {
  const id = planIdSchema.safeParse(plan);
  return PLANS[id.success ? id.data : 'basico'].features;
};

export const hasFeature = (plan: string, feature: BooleanFeature): boolean => featuresOf(plan)[feature];
