/** Everything a customer or owner reads from this channel, in pt-BR. */
export const waMessages = {
  listButton: 'Ver opções',
  listSection: 'Opções',
  location: (name?: string) => (name ? `Localização: ${name}` : 'Localização enviada'),
  windowClosed:
    'A última mensagem do cliente tem mais de 24 horas e não há modelo (template) aprovado configurado; o WhatsApp não permite mensagem livre.',
  reengagement: 'O WhatsApp exige um modelo (template) aprovado para reabrir esta conversa e nenhum está configurado.',
  rateLimited: (code: string) => `Limite de envio do WhatsApp atingido (${code}); nova tentativa em instantes.`,
  graphError: (code: string, detail: string) => `WhatsApp recusou a mensagem (${code}): ${detail}`,
  deliveryFailed: (code: string, detail: string) => `Falha na entrega pelo WhatsApp (${code}): ${detail}`,
} as const;
