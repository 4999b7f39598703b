export { parseStaffCommand, parseOrderStatus, parseNewItem, type StaffCommand, type NewQuoteItem, type TakeOverTarget, type ParseStaffCommandResult } from './parse-command';
export { transition, canTransition, allowedTransitions, customerNoticeFor, ORDER_TRANSITIONS, type TransitionResult } from './order-machine';
export * as staffMessages from './messages';
