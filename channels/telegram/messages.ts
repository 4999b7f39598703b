/** Every pt-BR text the Telegram channel itself writes (the rest comes from flows/). */
export const telegramMessages = {
  copyHint: 'Copie o código abaixo:',
  buttons: {
    startWork: 'Marcar em execução',
    ready: 'Marcar pronta',
    viewOrder: 'Ver OS',
    resendQuote: 'Reenviar orçamento',
    takeOver: 'Assumir conversa',
  },
  notificationTitle: (kind: string): string => NOTIFICATION_TITLES[kind] ?? '🔔 Aviso',
  onlyPrivate: 'Para falar com a oficina, mande mensagem no privado do bot.',
} as const;

const NOTIFICATION_TITLES: Record<string, string> = {
  new_order: '🆕 Nova OS',
  approved: '✅ Orçamento aprovado',
  rejected: '❌ Orçamento recusado',
  payment: '💰 Pagamento',
  handoff: '🙋 Cliente quer falar com atendente',
  quote_review: '📝 Orçamento para revisar',
  schedule: '📅 Agendamento',
  cancelled: '🚫 OS cancelada',
};
