export interface ChargeInput {
  readonly txid: string;
  readonly amountCents: number;
  readonly description: string;
  /** Our webhook URL for this tenant and provider. */
  readonly notificationUrl: string;
  /** Where the customer lands after paying. */
  readonly returnUrl: string;
  readonly payer: {
    readonly externalId: string;
    readonly name: string;
    readonly phoneE164?: string | null;
    readonly email?: string | null;
    readonly cpfCnpj?: string | null;
  };
}

export interface CreatedCharge {
  readonly providerRef: string;
  readonly linkUrl: string | null;
  readonly pixCode: string | null;
}

/** What a provider's API says about one payment: read from the provider, never from a webhook body alone. */
export interface ProviderPaymentState {
  readonly providerRef: string;
  readonly txid: string | null;
  readonly paid: boolean;
  readonly amountCents: number | null;
  readonly status: string;
}
