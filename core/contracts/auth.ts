import { z } from 'zod';
import { planFeaturesSchema, planIdSchema } from '../plans/plans';
import { roleSchema } from './common';

export const loginBodySchema = z.object({
  email: z.string().trim().toLowerCase().max(254).pipe(z.email()),
  password: z.string().min(1).max(1024),
});
export type LoginBody = z.infer<typeof loginBodySchema>;

/** API clients send the refresh token in the body; the web app relies on the mg_rt cookie. */
export const refreshBodySchema = z.object({ refreshToken: z.string().min(20).max(200).optional() });

export const meSchema = z.object({
  user: z.object({ id: z.uuid(), name: z.string(), email: z.string(), role: roleSchema }),
  tenant: z.object({ id: z.uuid(), name: z.string(), slug: z.string(), plan: planIdSchema }),
  features: planFeaturesSchema,
});
export type Me = z.infer<typeof meSchema>;

export const tokenResponseSchema = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
  csrfToken: z.string(),
  me: meSchema,
});
export type TokenResponse = z.infer<typeof tokenResponseSchema>;
