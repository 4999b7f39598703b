import { formatBRL } from '../../core/domain/money';

/** Everything a customer or staff member reads about payments, in pt-BR. */
export const paymentMessages = {
  pixStaticReply: (amountCents: number) =>
    `Segue o Pix copia e cola de ${formatBRL({ cents: amountCents })}. É só copiar e colar no app do seu banco:`,
  pixDynamicReply: (amountCents: number) =>
    `Segue o Pix copia e cola de ${formatBRL({ cents: amountCents })}. Assim que o pagamento cair, eu te aviso por aqui:`,
  linkReply: (amountCents: number, url: string) =>
    `Para pagar ${formatBRL({ cents: amountCents })}, é só abrir o link: ${url}\nAssim que o pagamento for confirmado, eu te aviso por aqui.`,
  customerPaid: (orderNumber: number, amountCents: number) =>
    `Pagamento recebido! Confirmamos ${formatBRL({ cents: amountCents })} da OS ${orderNumber}. Obrigado pela preferência!`,
  staffPaid: (orderNumber: number, amountCents: number, via: string) =>
    `💰 Pagamento confirmado: OS ${orderNumber}, ${formatBRL({ cents: amountCents })} (${via}).`,
  providerName: (provider: string) =>
    ({ pix_static: 'Pix (confirmação manual)', mercadopago: 'Mercado Pago', asaas: 'Asaas', stripe: 'Stripe', manual: 'confirmação manual' })[
      provider
    ] ?? provider,
  errors: {
    UNKNOWN_TENANT: 'Oficina não encontrada.',
    BAD_SIGNATURE: 'Assinatura do webhook inválida.',
    MALFORMED: 'Notificação inválida.',
    NOT_CONFIGURED: 'Pagamentos por este provedor não estão configurados nesta oficina.',
    PAYMENT_NOT_FOUND: 'Pagamento não encontrado.',
    PROVIDER_UNAVAILABLE: 'O provedor de pagamento não respondeu. Tente novamente em instantes.',
  },
} as const;
