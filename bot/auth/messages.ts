/** Everything the auth edge says to people, in pt-BR. */
export const AUTH_MESSAGES = {
  invalidCredentials: 'E-mail ou senha incorretos.',
  tooManyAttempts: (minutes: number) => `Muitas tentativas. Tente novamente em ${minutes} ${minutes === 1 ? 'minuto' : 'minutos'}.`,
  unauthenticated: 'Faça login para continuar.',
  tokenExpired: 'Sua sessão expirou. Entre novamente.',
  tokenInvalid: 'Sessão inválida. Entre novamente.',
  tokenRevoked: 'Esta sessão foi encerrada. Entre novamente.',
  userBlocked: 'Seu acesso foi bloqueado. Fale com o dono da oficina.',
  tenantBlocked: 'O acesso desta oficina está suspenso. Fale com o suporte do MotoGestor.',
  refreshInvalid: 'Sessão inválida ou expirada. Entre novamente.',
  refreshReused: 'Detectamos o uso repetido da sua sessão; por segurança, todas as sessões deste login foram encerradas. Entre novamente.',
  csrf: 'Requisição recusada por segurança (CSRF). Recarregue a página e tente de novo.',
  forbidden: 'Você não tem permissão para fazer isso.',
  featureNotInPlan: (feature: string) => `Este recurso (${feature}) não faz parte do plano da oficina. Fale com o dono para mudar de plano.`,
} as const;
