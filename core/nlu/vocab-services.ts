import type { ServiceCode } from '../domain/services';

/**
 * How customers name services and symptoms, mapped to SERVICE_CODES.
 * Patterns run in order on normalized text; each match is blanked out before
 * the next runs, so "freio chiando" is a brake job, not also a generic noise.
 * `symptom: true` marks phrases that describe a problem; they are reported
 * in `entities.symptoms` as written.
 *
 * Choices worth knowing:
 * - "corrente folgada/frouxa/seca" → chain_adjust (tensioning and lubrication is
 *   the usual fix; the mechanic upsells chain_kit if it is worn out). A chain
 *   that is worn, jumping or noisy, "relação", "coroa", "pinhão" → chain_kit.
 * - an unqualified "freio" → brake_pads_front (the front disc does most of the
 *   braking and is what wears first on CGs and scooters); "lona", "freio de trás" → brake_shoes_rear.
 * - "pneu" → tyre_rear unless "dianteiro"/"da frente"; "os dois pneus" → both.
 *   A flat ("furado", "furou") → inner_tube.
 */
export interface ServicePattern {
  readonly re: RegExp;
  readonly services: readonly ServiceCode[];
  readonly symptom?: boolean;
}

const FRONT = '(?:dianteir[oa]|da frente|de frente|frontal|da dianteira)';
const REAR = '(?:traseir[oa]|de tras|da traseira|detras)';

export const SERVICE_PATTERNS: readonly ServicePattern[] = [
  // Fluids first so "óleo de freio/bengala" is not an oil change.
  { re: /\b(?:fluido|oleo)\s+(?:de|do)\s+freio\b|\bfluido\b/, services: ['brake_fluid'] },
  { re: /\b(?:oleo\s+(?:de|da|das)\s+bengalas?|retentor(?:es)?|bengalas?\s+(?:vazando|pingando|suando)(?:\s+oleo)?|bengalas?|suspensao\s+(?:dianteira|vazando))\b/, services: ['fork_seals'] },
  { re: /\b(?:vazando|pingando|vazamento\s+de|perdendo)\s+oleo\b|\boleo\s+(?:vazando|pingando)\b/, services: ['diagnosis'], symptom: true },
  { re: /\b(?:troca(?:r)?\s+(?:de\s+|do\s+|o\s+)?)?oleo(?:\s+e\s+(?:o\s+)?filtro)?\b|\bfiltro\s+de\s+oleo\b|\boleozinho\b/, services: ['oil_change'] },
  // Chain.
  { re: /\bcorrente(?:\s+(?:da|do|de|minha|moto|ta|esta|muito|meio|bem|toda))*\s+(?:folgada|frouxa|solta|seca|caindo|bamba)\b|\b(?:regular|esticar|estica|ajustar|apertar|lubrificar|engraxar|lubrifica)\s+(?:a\s+)?corrente\b/, services: ['chain_adjust'], symptom: true },
  { re: /\bcorrente(?:\s+(?:da|do|de|minha|moto|ta|esta|muito|meio|bem|toda))*\s+(?:gasta|estourou|arrebentou|pulando|estourada|esticada|fazendo\s+barulho|batendo|barulhenta)\b/, services: ['chain_kit'], symptom: true },
  { re: /\b(?:kit\s+)?relacao\b|\bkit\s+(?:de\s+)?(?:transmissao|corrente)\b|\bcoroa\b|\bpinhao\b|\bcorrente\b/, services: ['chain_kit'] },
  // Brakes.
  { re: /\blonas?\b|\bsapatas?\b|\bfreio\s+(?:traseiro|de tras|de pe|do pe)\b/, services: ['brake_shoes_rear'] },
  { re: /\bfreios?\s+(?:ta\s+|esta\s+)?(?:chiando|chiado|rangendo|gritando|fraco|ruim|fazendo\s+barulho|nao\s+(?:ta\s+)?segura(?:ndo)?|baixo|pegando\s+pouco|assobiando)\b|\bchiado\s+no\s+freio\b/, services: ['brake_pads_front'], symptom: true },
  { re: /\bpastilhas?\b|\bfreios?\b|\bdisco\s+de\s+freio\b/, services: ['brake_pads_front'] },
  // Tyres.
  { re: new RegExp(`\\b(?:os\\s+)?(?:dois|2|ambos)\\s+(?:os\\s+)?pneus\\b|\\bpneus\\s+(?:${FRONT}\\s+e\\s+${REAR}|da frente e de tras)\\b`), services: ['tyre_front', 'tyre_rear'] },
  { re: /\bpneus?\s+(?:ta\s+|esta\s+)?(?:furad[oa]|furou|murch[oa]|vazio)\b|\bfurou\s+(?:o\s+)?pneu\b|\bfurou\b|\bcamara(?:\s+de\s+ar)?\b|\bremendo\b/, services: ['inner_tube'], symptom: true },
  { re: new RegExp(`\\bpneus?\\s+(?:\\w+\\s+)?${FRONT}`), services: ['tyre_front'] },
  { re: /\bpneus?\s+(?:ta\s+|esta\s+|meio\s+|bem\s+)*(?:careca|gasto|liso|carequinha|rachado)\b/, services: ['tyre_rear'], symptom: true },
  { re: /\bpneus?\b/, services: ['tyre_rear'] },
  // Clutch.
  { re: /\bcabo\s+(?:de|da)\s+embreagem\b|\bembreagem\s+(?:ta\s+)?dura\b/, services: ['clutch_cable'] },
  { re: /\bembreagem\s+(?:ta\s+)?patinando\b|\bpatinando\b/, services: ['clutch'], symptom: true },
  { re: /\bembreagem\b|\bdiscos?\s+de\s+embreagem\b/, services: ['clutch'] },
  // Others.
  { re: /\brevisao\b|\brevisoes\b|\bcheck\s*-?\s*up\b|\buma\s+geral\b|\bgeralzona\b/, services: ['revision'] },
  { re: /\bbateria\s+(?:ta\s+|esta\s+)?(?:arriada|fraca|descarregada|arriou|morreu|ruim)\b|\barriou\b/, services: ['battery'], symptom: true },
  { re: /\bbaterias?\b/, services: ['battery'] },
  { re: /\bvelas?\b(?:\s+de\s+ignicao)?/, services: ['spark_plug'] },
  { re: /\b(?:regulagem|regular)\s+(?:de\s+|das\s+|as\s+)?valvulas?\b|\bvalvulas?\b|\btucho\b/, services: ['valve_adjust'] },
  { re: /\b(?:limpeza|limpar)\s+(?:de\s+|do\s+|o\s+)?(?:bico|carburador)\b|\bbico\s+injetor\b|\bcarburador\b|\bbicos?\b/, services: ['injector_cleaning'] },
  { re: /\b(?:farol|pisca|piscas|seta|setas|estator|regulador|retificador|lampada|buzina|chicote|eletrica|painel\s+apagado)(?:\s+(?:nao\s+)?(?:funciona|acende|liga|queimou|queimad[oa]))?\b|\bluz\s+(?:queimada|nao\s+acende|do\s+farol)\b/, services: ['electrical'] },
  // Generic symptoms a mechanic has to look at.
  { re: /\bnao\s+(?:ta\s+|esta\s+|quer\s+)?(?:pega|pegando|pegou|liga|ligando|ligou|da\s+partida|funciona|anda|sobe)\b/, services: ['diagnosis'], symptom: true },
  { re: /\b(?:morrendo|morreu|apagando|falhando|falha|engasgando|tossindo|sem\s+forca|perdendo\s+forca|fumacando|soltando\s+fumaca|fumaca|esquentando|superaquecendo|tremendo|trepidando|vazando|barulho(?:\s+estranho)?|barulhinho|estalando|estalo|batendo|rateando|luz\s+da\s+injecao|luz\s+acesa)\b/, services: ['diagnosis'], symptom: true },
  { re: /\bdiagnostico\b|\b(?:dar|da)\s+uma\s+olhada\b|\bver\s+o\s+que\s+(?:e|tem|ela\s+tem)\b|\bdeu\s+(?:um\s+)?problema\b|\bcom\s+problema\b|\bscanner\b/, services: ['diagnosis'] },
];
