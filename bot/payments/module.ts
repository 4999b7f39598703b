import type { ChannelModule } from '../channels/module';
import type { StaffNotifier } from '../pipeline/run-effect';
import type { FetchLike } from './providers/http';
import { parsePaymentOptions, type PaymentOptionsInput } from './options';
import { paymentWebhookRoutes } from './webhook-routes';

export interface PaymentsModuleOptions extends PaymentOptionsInput {
  /** Staff notifiers to wake when a payment lands (the notification row is stored regardless). */
  readonly notifiers?: readonly StaffNotifier[];
  readonly fetch?: FetchLike;
}

/**
 * Payment providers' webhooks as a platform module (routes only: no sender, no
 * notifier). Options are zod-parsed once here; see bot/payments/options.ts.
 */
export const paymentsModule = (opts: PaymentsModuleOptions = {}): ChannelModule => {
  const { notifiers, fetch, ...raw } = opts;
  const options = parsePaymentOptions(raw);
  return {
    kind: 'payments',
    buttons: false,
    routes: (rt) =>
      paymentWebhookRoutes({ tdb: rt.tdb, secrets: rt.secrets, queues: rt.queues, logger: rt.logger, options, now: rt.now, notifiers, fetch }),
  };
};
