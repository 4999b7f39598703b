/** Everything a caller hears, in pt-BR. */
export const voiceMessages = {
  greeting: (shopName: string) =>
    `Olá! Você ligou para a ${shopName}. Sou o assistente virtual da oficina. Como posso te ajudar? Pode falar depois do sinal.`,
  listening: 'Pode falar.',
  noInput: (whatsapp: string | null) =>
    `Não consegui te ouvir. ${continuesOnWhatsapp(whatsapp)} Obrigado pela ligação, até logo!`,
  noReplyInTime: (whatsapp: string | null) =>
    `Estou verificando isso para você. Vou te mandar a resposta no WhatsApp. ${continuesOnWhatsapp(whatsapp)} Obrigado pela ligação, até logo!`,
  callerUnknown:
    'Não consegui identificar o número de onde você está ligando. Por favor, fale com a oficina pelo WhatsApp. Até logo!',
  unavailable: 'Desculpe, o atendimento por telefone desta oficina não está disponível agora. Tente pelo WhatsApp. Até logo!',
  optionsIntro: 'Para responder,',
  option: (n: number, title: string) => `diga ${n} para ${title}`,
  linkSent: 'O link está na conversa do WhatsApp.',
  codeSent: 'O código para pagamento está na conversa do WhatsApp.',
} as const;

const continuesOnWhatsapp = (whatsapp: string | null): string =>
  whatsapp
    ? `A nossa conversa continua no WhatsApp, no número ${spellPhone(whatsapp)}.`
    : 'A nossa conversa continua no WhatsApp, é só mandar mensagem para a oficina.';

/** Reads a phone digit by digit, in small groups, so the voice does not say "onze bilhões...". */
export const spellPhone = (phone: string): string => {
  const digits = phone.replace(/\D/g, '').replace(/^55(?=\d{10,11}$)/, '');
  return digits.replace(/(\d)(?=\d)/g, '$1 ').trim();
};

/** Asked of a customer whose WhatsApp/Telegram voice note could not be understood. */
export const VOICE_NOTE_FALLBACK =
  'Desculpe, não consegui entender o seu áudio. 🙏 Pode me mandar por escrito, por favor?';
