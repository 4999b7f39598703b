import { z } from 'zod';
import { serviceCodeSchema } from '../../core/nlu/types';
import type { DraftVehicle } from '../types';

/** Where the conversation stands; the router reads it to interpret short answers ("sim", "15000", "1"). */
export const STAGES = [
  'idle',
  'collecting',
  'awaiting_order',
  'awaiting_quote',
  'quote_review',
  'quote_pending',
  'approved',
] as const;
export type Stage = (typeof STAGES)[number];

/** The one question the bot is waiting an answer for. */
export const PENDING_FIELDS = ['vehicle_choice', 'family', 'complaint', 'year', 'km', 'name', 'when'] as const;
export type PendingField = (typeof PENDING_FIELDS)[number];

const draftVehicleSchema = z.object({
  familyId: z.string().optional(),
  brand: z.string().optional(),
  model: z.string().optional(),
  year: z.number().int().optional(),
  km: z.number().int().optional(),
  plate: z.string().optional(),
});

// Compile-time check that the schema stays assignable to the contract's DraftVehicle.
const _draftVehicleFits = (v: z.infer<typeof draftVehicleSchema>): DraftVehicle => v;
void _draftVehicleFits;

export const customerStateSchema = z.object({
  v: z.literal(1),
  stage: z.enum(STAGES),
  draft: z.object({
    vehicle: draftVehicleSchema,
    /** Id of a vehicle from ctx.customer.vehicles the draft is about; absent for a new one. */
    vehicleId: z.string().optional(),
    services: z.array(serviceCodeSchema),
    complaint: z.string().nullable(),
    name: z.string().nullable(),
  }),
  pendingField: z.enum(PENDING_FIELDS).optional(),
  /** Nice-to-have fields already asked once (year, km, name): never asked again. */
  asked: z.array(z.enum(PENDING_FIELDS)),
  orderId: z.string().optional(),
  orderNumber: z.number().int().optional(),
  lastQuoteId: z.string().optional(),
  lastQuoteLineCount: z.number().int().min(0).optional(),
  /** Consecutive messages the bot could not understand. */
  misunderstood: z.number().int().min(0),
});

export type CustomerState = z.infer<typeof customerStateSchema>;
export type Draft = CustomerState['draft'];

export const initialCustomerState = (): CustomerState => ({
  v: 1,
  stage: 'idle',
  draft: { vehicle: {}, services: [], complaint: null, name: null },
  asked: [],
  misunderstood: 0,
});

/** Stored JSON → state. Garbage or an unknown version starts over; never throws. */
export const loadCustomerState = (stored: unknown): CustomerState => {
  const parsed = customerStateSchema.safeParse(stored);
  return parsed.success ? parsed.data : initialCustomerState();
};
