/**
 * WhatsApp shorthand seen in Brazilian customer messages, keyed by the
 * lowercase, accent-free token. Values may be several words.
 */
export const ABBREVIATIONS: Readonly<Record<string, string>> = {
  vc: 'voce', vcs: 'voces', voce: 'voce', ce: 'voce',
  qto: 'quanto', qnto: 'quanto', qnt: 'quanto', qt: 'quanto', quant: 'quanto',
  blz: 'beleza', belz: 'beleza', blza: 'beleza',
  pfv: 'por favor', pfvr: 'por favor', pf: 'por favor', pls: 'por favor', porfa: 'por favor',
  td: 'tudo', tds: 'todos', tb: 'tambem', tbm: 'tambem', tmb: 'tambem',
  hj: 'hoje', hje: 'hoje', amnh: 'amanha', amn: 'amanha', amanhan: 'amanha', manha: 'manha',
  msg: 'mensagem', msgs: 'mensagens', mensagen: 'mensagem',
  obg: 'obrigado', obgd: 'obrigado', obgda: 'obrigada', obrg: 'obrigado', brigado: 'obrigado',
  brigada: 'obrigada', brigadao: 'obrigado', obrigadao: 'obrigado',
  vlw: 'valeu', vlww: 'valeu', valew: 'valeu', vlv: 'valeu',
  flw: 'falou', tmj: 'tamo junto',
  q: 'que', pq: 'porque', oq: 'o que', oque: 'o que',
  n: 'nao', naum: 'nao', nao: 'nao', ñ: 'nao', nn: 'nao', nops: 'nao', nop: 'nao',
  ss: 'sim', sm: 'sim', simm: 'sim', isso: 'isso', yes: 'sim',
  mto: 'muito', mt: 'muito', mta: 'muita', mts: 'muitos',
  kd: 'cade', cmg: 'comigo', ctg: 'contigo', dps: 'depois', agr: 'agora', aq: 'aqui',
  tlgd: 'ta ligado', tmjs: 'tamo junto', sla: 'sei la', slk: 'mano',
  ta: 'ta', tah: 'ta', tá: 'ta', to: 'to', tou: 'to', eh: 'e', e: 'e',
  sab: 'sabado', seg: 'segunda', qua: 'quarta', qui: 'quinta', sex: 'sexta', dom: 'domingo',
  orc: 'orcamento', orcam: 'orcamento', orca: 'orcamento',
  moto: 'moto', motoca: 'moto', mtc: 'moto', magrela: 'moto',
  hrs: 'horas', hr: 'hora', min: 'minutos',
  cel: 'celular', whats: 'whatsapp', zap: 'whatsapp', wpp: 'whatsapp',
  nd: 'nada', ngm: 'ninguem', alg: 'alguem', algm: 'alguem',
  ok: 'ok', okay: 'ok', oks: 'ok', okk: 'ok', blzz: 'beleza',
  pra: 'pra', pro: 'pro', p: 'pra',
  rs: '', rsrs: '', kk: '', kkk: '', kkkk: '', haha: '', hahaha: '', hehe: '',
};
