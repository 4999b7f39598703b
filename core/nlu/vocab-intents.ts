import type { Intent } from './types';

/**
 * Weighted cues per intent, matched on normalized text. Scores add up; the
 * highest total wins. Weights encode how decisive a cue is: a greeting (1)
 * loses to anything else said in the same message, an explicit "parar de
 * receber" (6) beats every other reading.
 */
export interface IntentCue {
  readonly re: RegExp;
  readonly weight: number;
}

export const INTENT_CUES: Readonly<Record<Intent, readonly IntentCue[]>> = {
  greeting: [
    { re: /^(?:oi|ola|opa|eae|eai|e ai|ei|hey|alo|salve|fala|bom dia|boa tarde|boa noite|boa|oie|oiee|tudo bem|tudo bom|beleza|iae|iai|hello|hi)\b/, weight: 1 },
    { re: /\b(?:tudo bem|tudo bom|td bem|como vai|tudo certo|tudo joia|tudo tranquilo)\b/, weight: 0.6 },
  ],
  quote_request: [
    { re: /\bquanto\b(?!\s+tempo)|\bprecos?\b|\bvalor(?:es)?\b|\borcamentos?\b|\bcusta\b|\bcobra(?:m)?\b|\bsai\s+por\b|\btabela\b/, weight: 3 },
    { re: /\b(?:queria|quero|gostaria|preciso|precisava|precisando|tem\s+como|da\s+pra|voces\s+fazem|fazem|faz|vcs\s+fazem|voce\s+faz|trabalham\s+com|tem)\b/, weight: 0.8 },
    { re: /\b(?:trocar|troca|fazer|arrumar|consertar|concertar|ver|olhar|regular|mexer|dar\s+um\s+jeito)\b/, weight: 0.7 },
    { re: /\b(?:minha\s+moto|a\s+moto|moto)\s+(?:ta|esta|tava|deu|nao|fica|com)\b/, weight: 1.2 },
  ],
  schedule: [
    { re: /\b(?:agendar|agendamento|agenda|marcar|marca|marcado|horario|hora\s+marcada|vaga|encaixe|encaixar|encaixa|me\s+encaixa)\b/, weight: 4 },
    { re: /\b(?:posso|da\s+pra|consigo|vou|tem\s+como|pode|podia|quero|queria)\s+(?:levar|deixar|passar|ir|trazer|aparecer|colar|chegar)\b/, weight: 2.5 },
    { re: /\b(?:levo|deixo|passo|trago|apareco|colo|chego)\b(?!\s+de)/, weight: 2 },
    { re: /\b(?:que\s+horas|qual\s+horario|quando)\b(?!\s+(?:fica|vai\s+ficar|termina|fica\s+pronta|sai|ficar|estara|vai\s+estar))/, weight: 1 },
    { re: /\b(?:atende|atendem|ta\s+livre|tem\s+horario|vcs\s+tao|voces\s+estao)\b/, weight: 0.8 },
  ],
  order_status: [
    { re: /\bpront[ao]s?\b|\bliberad[ao]\b/, weight: 4 },
    { re: /\b(?:novidade|noticias|andamento|previsao|status|situacao|como\s+(?:ta|esta|que\s+ta|anda|ficou)\s+(?:a\s+)?(?:minha\s+)?moto|como\s+(?:ta|esta)\s+o\s+servico|ja\s+terminou|terminaram|ja\s+terminaram|ja\s+acabou|ja\s+acabaram|ja\s+fizeram|ja\s+ficou|chegou\s+a\s+peca|a\s+peca\s+chegou|peca\s+ja\s+chegou|ja\s+da\s+pra\s+buscar|posso\s+(?:ir\s+)?(?:buscar|pegar|retirar)|ja\s+posso\s+(?:buscar|pegar|ir\s+buscar)|cade\s+(?:a\s+)?(?:minha\s+)?moto|e\s+a\s+minha\s+moto|e\s+minha\s+moto|como\s+ta\s+la|quando\s+(?:fica|termina|vai\s+ficar|sai|estara|vai\s+estar)|que\s+horas\s+(?:fica|sai)|mexeram|saber\s+(?:da|como\s+(?:ta|esta))\s+(?:minha\s+)?moto|deram\s+uma\s+olhada|conseguiram\s+ver|descobriram)\b/, weight: 4 },
    { re: /\b(?:os|ordem)\s+\d+/, weight: 1.5 },
  ],
  approve: [
    { re: /^(?:dale|partiu|vamo|vamos|ta\s+otimo|tranquilo|perfeito)\b/, weight: 2 },
    { re: /\b(?:aprovo|aprovado|aprovada|aprovar|autorizo|autorizado|pode\s+(?:fazer|mandar|seguir|trocar|arrumar|fazer|ir|comecar|executar|tocar|meter|botar|colocar|ser)|manda\s+(?:ver|bala|brasa)|faz\s+(?:sim|ai|entao|isso|tudo|o\s+servico)|pode\s+fazer|pode\s+mandar|fechado|fechou|ta\s+fechado|bora\s+fazer|vamos\s+fazer|faca|faz\s+o\s+\d|segue\s+com|pode\s+deixar|to\s+de\s+acordo|concordo|aceito|sim\s+pode|ta\s+aprovado)\b/, weight: 3.5 },
  ],
  reject: [
    { re: /^(?:nao|negativo|nem|quero\s+nao|melhor\s+nao|agora\s+nao|deixa|deixa\s+quieto|deixa\s+pra\s+la|esquece)\b/, weight: 2.2 },
    { re: /\b(?:nao\s+(?:quero|vou\s+fazer|precisa|aprovo|autorizo|vou\s+querer|compensa|da|tenho\s+(?:dinheiro|condicoes|grana))|quero\s+nao|precisa\s+nao|(?:ta|muito|mt|bem|ficou|meio)\s+caro|salgado|deixa\s+quieto|deixa\s+pra\s+la|vou\s+pensar|vou\s+ver\s+(?:e|depois)|sem\s+condicoes|recuso|dispenso|fica\s+pra\s+proxima|pra\s+proxima|so\s+isso\s+nao|esquece|to\s+sem\s+grana|to\s+liso|to\s+duro|outra\s+hora|mais\s+pra\s+frente|por\s+enquanto\s+nao|nao\s+por\s+enquanto|vou\s+deixar\s+(?:pra|para))\b/, weight: 3.2 },
  ],
  pay: [
    { re: /\b(?:pix|chave|pagar|pago|paguei|pagamento|pagando|cartao|credito|debito|parcel\w*|vezes\s+no\s+cartao|boleto|comprovante|transferi|transferencia|dinheiro|especie|maquininha|link\s+de\s+pagamento|copia\s+e\s+cola|qr\s*code|conta)\b/, weight: 3.5 },
    { re: /\b(?:manda|mandar|passa|envia|me\s+passa)\s+(?:o|a)\s+(?:pix|chave|link|qr|conta|boleto)\b/, weight: 3 },
    { re: /\b(?:quanto\s+(?:deu|ficou|foi|e\s+que\s+deu)|qual\s+o\s+total|total\s+deu|aceita|aceitam)\b/, weight: 1.5 },
  ],
  human: [
    { re: /\b(?:atendente|humano|pessoa\s+de\s+verdade|pessoa\s+real|gente\s+de\s+verdade|robo|robozinho|bot|maquina)\b/, weight: 4 },
    { re: /\b(?:falar|conversar|fala)\s+(?:com|c)\s+(?:alguem|uma\s+pessoa|o\s+dono|a\s+dona|o\s+mecanico|o\s+chefe|o\s+patrao|gerente|o\s+responsavel|voce|vc|o\s+\w+|a\s+\w+)\b|\b(?:me\s+liga|pode\s+me\s+ligar|liga\s+(?:no|pro|pra)\s+meu|liga\s+pra\s+mim|me\s+ligar|pode\s+ligar|ligacao|chama\s+o|chama\s+a|passa\s+pro|passa\s+pra|quero\s+falar|tem\s+alguem|alguem\s+ai|alguem\s+pode\s+me\s+atender|me\s+atende)\b/, weight: 3.5 },
  ],
  cancel: [
    { re: /\b(?:cancel\w*|desmarc\w*|desisti|desistir|desisto|nao\s+vou\s+(?:mais|poder)|nao\s+vou\s+conseguir\s+(?:ir|levar|passar)|nao\s+vai\s+dar\s+(?:pra\s+ir|pra\s+levar|de\s+ir)|nao\s+vai\s+rolar|desconsidera|esquece\s+o\s+(?:horario|agendamento|pedido)|nao\s+quero\s+mais\s+(?:o|a|fazer)|tira\s+meu\s+horario)\b/, weight: 5.5 },
  ],
  opt_out: [
    { re: /^(?:parar|pare|para|sair|stop|sai|chega|descadastrar|cancelar\s+mensagens)$/, weight: 7 },
    { re: /\b(?:para(?:r)?\s+de\s+(?:me\s+)?(?:mandar|enviar|receber)|parem?\s+de\s+(?:me\s+)?(?:mandar|enviar)|nao\s+(?:quero|desejo)\s+(?:mais\s+)?receber|nao\s+me\s+(?:mande|mandem|manda|envie|enviem)|me\s+(?:tira|tirem|remove|remova|exclui|exclua)\s+d\w+\s+(?:lista|contato|cadastro|grupo)|descadastr\w*|sair\s+da\s+lista|chega\s+de\s+mensage\w*|nao\s+quero\s+mais\s+mensage\w*|para\s+de\s+mandar|spam|bloquear|vou\s+bloquear|nao\s+mande\s+mais|cancelar\s+(?:as\s+)?mensagens|sair\s+disso|parar\s+de\s+receber|me\s+tira\s+dessa?)\b/, weight: 8 },
  ],
  provide_data: [
    { re: /\b(?:meu\s+nome|me\s+chamo|sou\s+(?:o|a)\b|placa|e\s+uma|e\s+a|ano|modelo|minha\s+moto\s+e|a\s+moto\s+e|tenho\s+uma|uso\s+uma|ando\s+de)\b/, weight: 1.2 },
  ],
  thanks_bye: [
    { re: /\b(?:obrigad[oa]|agradeco|valeu|tchau|ate\s+mais|ate\s+logo|ate\s+amanha|ate\s+segunda|ate\s+sexta|ate\s+breve|falou|flw|fui|tamo\s+junto|abraco|abracos|grato|grata|deus\s+abencoe|brigadao|muito\s+obrigado|boa\s+semana|bom\s+fim\s+de\s+semana|otimo\s+dia|bom\s+descanso)\b/, weight: 3 },
  ],
  other: [
    { re: /\b(?:endereco|onde\s+fica|onde\s+voces\s+ficam|onde\s+e\s+a\s+oficina|localizacao|abrem|aberto|aberta|fecham|funcionamento|ate\s+que\s+horas|vendem|vende|capacete|instagram|site|cnpj|emprego|curriculo|garantia|carro|bicicleta|bike|lavagem|lava\s+jato|feriado|quem\s+(?:e|ta\s+falando|fala)|nao\s+entendi|como\s+assim|entendi)\b/, weight: 3.5 },
  ],
};
