/** Everything a shop owner or customer reads from the WhatsApp Web (Baileys) channel, in pt-BR. */
export const baileysMessages = {
  loggedOut: (name: string) =>
    `O WhatsApp Web do número ${name} foi desconectado (sessão encerrada no celular). Abra o painel e escaneie o QR code de novo para voltar a atender.`,
  coldOutreach: 'Envio bloqueado: este número nunca mandou mensagem para a oficina (sem contato ativo iniciado por nós).',
  notOwned: 'A sessão do WhatsApp Web deste número não está ativa neste servidor; nova tentativa em seguida.',
  notConnected: 'O WhatsApp Web deste número ainda não está conectado.',
  audioUnknown: 'Este áudio não está mais disponível neste servidor do WhatsApp Web (recebido por outro processo ou há muito tempo).',
  link: (title: string, url: string) => `${title}: ${url}`,
} as const;
