import type { Flow } from '../types';
import { customerStateSchema, initialCustomerState, loadCustomerState, type CustomerState } from './state';
import { customerStep } from './step';

/** The customer's WhatsApp conversation: quote → approval → drop-off → status → payment. */
export const customerFlow: Flow<CustomerState> = {
  id: 'customer',
  version: 1,
  stateSchema: customerStateSchema,
  initial: initialCustomerState,
  load: loadCustomerState,
  step: customerStep,
};
