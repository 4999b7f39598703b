import { MOTORCYCLE_FAMILIES } from '../../core/domain/motorcycles';
import { SERVICE_CODES } from '../../core/domain/services';
import { INTENTS } from '../../core/nlu/types';

/** Instructions for the model; the vocabularies come from core so both NLUs speak the same codes. */
export const NLU_SYSTEM_PROMPT = [
  'You classify WhatsApp messages (Brazilian Portuguese, informal, typos, abbreviations) sent by customers to a motorcycle repair shop.',
  `Intent is one of: ${INTENTS.join(', ')}.`,
  'quote_request = asks a price or a service or describes a problem; approve/reject = answers a quote ("sim", "pode fazer", "ta caro");',
  'opt_out = stop receiving messages ("parar", "sair"); provide_data = only gives name, model, year, km or plate; human = wants a person.',
  `motorcycle.familyId is one of: ${MOTORCYCLE_FAMILIES.map((f) => f.id).join(', ')} (titan/fan/start/cargo = cg160, or cg150 before 2016).`,
  `services are codes from: ${SERVICE_CODES.join(', ')}; map symptoms too ("nao pega" = diagnosis, "freio chiando" = brake_pads_front).`,
  'when keeps the moment relative: dayOffset (hoje 0, amanha 1), weekday 0=domingo..6=sabado, hour 0-23, period manha/tarde/noite, text as written.',
  'plate uppercase without dash. km as an integer ("32 mil" = 32000). Use null for anything not mentioned. confidence in 0..1.',
].join('\n');
