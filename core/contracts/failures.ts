import { z } from 'zod';
import { pageOf, pageQuerySchema } from './common';

export const failureRowSchema = z.object({
  id: z.uuid(), queue: z.string(), jobId: z.string(), error: z.string(), attempts: z.number().int(), createdAt: z.string(), retriedAt: z.string().nullable(),
});
export const failureListQuerySchema = pageQuerySchema;
export const failurePageSchema = pageOf(failureRowSchema);
