import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common';

export const auditListQuerySchema = pageQuerySchema.extend({
  entity: z.string().max(60).optional(),
  action: z.string().max(80).optional(),
  actor: z.string().max(60).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
});
export const auditRowSchema = z.object({
  id: z.uuid(), actorType: z.string(), actorId: z.string().nullable(), action: z.string(), entity: z.string(),
  entityId: z.string().nullable(), before: z.unknown(), after: z.unknown(), at: z.string(),
});
export const auditPageSchema = pageOf(auditRowSchema);
