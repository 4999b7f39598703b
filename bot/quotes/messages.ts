/** Everything the customer reads on the portal and in the quote document (pt-BR). */
export const PORTAL_MESSAGES = {
  title: (n: number) => `Ordem de serviço nº ${n}`,
  invalidLink: 'Link inválido. Peça um novo link à oficina pelo WhatsApp.',
  expiredLink: 'Este link expirou. Peça um novo link à oficina pelo WhatsApp.',
  notFound: 'Ordem de serviço não encontrada.',
  forbiddenOrigin: 'Envio bloqueado por segurança. Abra o link novamente e tente de novo.',
  staleQuote: 'O orçamento foi alterado depois que você abriu a página. Confira a nova versão e decida de novo.',
  notPending: 'Este orçamento não está aguardando aprovação.',
  expiredQuote: 'Este orçamento passou da validade. Peça um novo orçamento à oficina.',
  noLines: 'Escolha pelo menos um item para aprovar.',
  invalidForm: 'Não entendemos o envio. Tente de novo.',
  decided: {
    approved: 'Orçamento aprovado. Obrigado! A oficina já foi avisada.',
    partial: 'Itens escolhidos aprovados. Obrigado! A oficina já foi avisada.',
    rejected: 'Orçamento recusado. A oficina já foi avisada.',
  },
  timeline: 'Andamento',
  quote: 'Orçamento',
  version: (v: number) => `versão ${v}`,
  validUntil: (d: string) => `Válido até ${d}`,
  optional: 'opcional',
  estimatedCompletion: (d: string) => `Previsão de conclusão: ${d}`,
  approveAll: 'Aprovar orçamento',
  approveChosen: 'Aprovar só os itens marcados',
  reject: 'Recusar orçamento',
  downloadPdf: 'Baixar orçamento em PDF',
  payment: 'Pagamento',
  pixCopy: 'Copiar código Pix',
  pixCopied: 'Código copiado!',
  payLink: 'Pagar agora',
  contact: 'Fale com a oficina',
  total: 'Total',
  noQuote: 'O orçamento ainda está sendo preparado.',
  status: {
    aberta: 'OS aberta',
    em_diagnostico: 'Em diagnóstico',
    orcamento_enviado: 'Orçamento enviado',
    aprovada: 'Orçamento aprovado',
    recusada: 'Orçamento recusado',
    aguardando_pecas: 'Aguardando peças',
    em_execucao: 'Em execução',
    pronta: 'Pronta para retirada',
    entregue: 'Entregue',
    cancelada: 'Cancelada',
  } as Record<string, string>,
  quoteStatus: {
    sent: 'aguardando sua aprovação',
    pending_review: 'em revisão pela oficina',
    approved: 'aprovado',
    partially_approved: 'aprovado em parte',
    rejected: 'recusado',
    superseded: 'substituído',
    expired: 'vencido',
    draft: 'rascunho',
  } as Record<string, string>,
  staffNotice: {
    approved: (n: number, v: number) => `OS #${n}: cliente aprovou o orçamento v${v} pelo portal.`,
    partial: (n: number, v: number, lines: number[]) => `OS #${n}: cliente aprovou em parte o orçamento v${v} pelo portal (itens ${lines.join(', ')}).`,
    rejected: (n: number, v: number) => `OS #${n}: cliente recusou o orçamento v${v} pelo portal.`,
  },
} as const;

export const DOCUMENT_MESSAGES = {
  title: 'ORÇAMENTO DE SERVIÇO',
  legal:
    'Orçamento prévio conforme o art. 40 do Código de Defesa do Consumidor. Válido pelo prazo indicado; ' +
    'depois de aprovado, obriga as partes. Serviços adicionais só com nova aprovação.',
  shop: 'Oficina',
  customer: 'Cliente',
  vehicle: 'Veículo',
  order: (n: number) => `OS nº ${n}`,
  version: (v: number) => `Versão ${v}`,
  issuedAt: 'Emitido em',
  validUntil: 'Válido até',
  estimatedCompletion: 'Previsão de conclusão',
  toBeAgreed: 'a combinar',
  paymentTerms: 'Condições de pagamento',
  defaultPaymentTerms: 'Pix, dinheiro ou cartão na retirada.',
  columns: { item: 'Item', kind: 'Tipo', qty: 'Qtd.', unit: 'Unitário', total: 'Total' },
  kind: { part: 'Peça', labour: 'Mão de obra' } as Record<string, string>,
  optionalTitle: 'Itens sugeridos (opcionais, fora do total)',
  total: 'Total',
  contentHash: 'Código de integridade (SHA-256)',
  approval: 'Registro de aprovação',
  approvalLine: (decision: string, at: string, channel: string) => `${decision} em ${at} via ${channel}`,
  decision: { approved: 'Aprovado', partial: 'Aprovado em parte', rejected: 'Recusado' } as Record<string, string>,
  notInformed: 'não informado',
} as const;

/** Customer-facing explanation when the model is off or failed (pt-BR). */
export const ASSIST_MESSAGES = {
  explain: (labels: string[]) =>
    labels.length === 0
      ? 'Vamos precisar dar uma olhada na moto para dizer o que é. A oficina vai te passar o orçamento.'
      : `Pelo que você contou, o orçamento vai incluir: ${labels.join(', ')}. A oficina confirma tudo antes de começar.`,
} as const;
