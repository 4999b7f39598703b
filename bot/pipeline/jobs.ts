/** Queue names and job payloads of the message pipeline. */
export const QUEUES = {
  turn: 'turn',
  send: 'send',
  effect: 'effect',
} as const;

/** Handle the conversation turn that this message belongs to. */
export interface TurnJob {
  readonly tenantId: string;
  readonly conversationId: string;
  readonly messageId: string;
}

/** Deliver one stored outbound message through its channel. */
export interface SendJob {
  readonly tenantId: string;
  readonly messageId: string;
  /** The channel kind, when known at enqueue time: lets local channels skip a load. */
  readonly channel?: string;
}

/** Execute one outbox effect. */
export interface EffectJob {
  readonly tenantId: string;
  readonly effectId: string;
}
