export { customerFlow } from './flow';
export { customerStep } from './step';
export { customerStateSchema, initialCustomerState, loadCustomerState, type CustomerState } from './state';
export * as customerMessages from './messages';
