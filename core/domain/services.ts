/**
 * The services a motorcycle shop sells, as stable codes. The NLU maps what a
 * customer writes ("trocar o óleo", "freio chiando", "pneu careca") to these
 * codes; the catalogue prices them per motorcycle family; quotes are built
 * from them. Symptoms that need a mechanic's eye map to `diagnosis`.
 */
export const SERVICE_CODES = [
  'oil_change', // troca de óleo e filtro
  'chain_kit', // kit relação (corrente, coroa, pinhão)
  'chain_adjust', // regulagem/lubrificação da corrente
  'brake_pads_front', // pastilhas dianteiras
  'brake_shoes_rear', // lonas traseiras
  'brake_fluid', // fluido de freio
  'tyre_front', // pneu dianteiro
  'tyre_rear', // pneu traseiro
  'inner_tube', // câmara de ar
  'revision', // revisão geral
  'clutch', // embreagem (discos)
  'clutch_cable', // cabo de embreagem
  'battery', // bateria
  'spark_plug', // vela
  'valve_adjust', // regulagem de válvulas
  'injector_cleaning', // limpeza de bico injetor / carburador
  'fork_seals', // retentores e óleo de bengala
  'electrical', // elétrica (farol, pisca, estator, regulador)
  'diagnosis', // diagnóstico (não pega, barulho, falhando)
] as const;

export type ServiceCode = (typeof SERVICE_CODES)[number];

/** pt-BR labels shown to customers and staff. */
export const SERVICE_LABELS: Record<ServiceCode, string> = {
  oil_change: 'Troca de óleo e filtro',
  chain_kit: 'Kit relação (corrente, coroa e pinhão)',
  chain_adjust: 'Regulagem e lubrificação da corrente',
  brake_pads_front: 'Pastilhas de freio dianteiras',
  brake_shoes_rear: 'Lonas de freio traseiras',
  brake_fluid: 'Troca do fluido de freio',
  tyre_front: 'Pneu dianteiro',
  tyre_rear: 'Pneu traseiro',
  inner_tube: 'Câmara de ar',
  revision: 'Revisão geral',
  clutch: 'Embreagem (discos)',
  clutch_cable: 'Cabo de embreagem',
  battery: 'Bateria',
  spark_plug: 'Vela de ignição',
  valve_adjust: 'Regulagem de válvulas',
  injector_cleaning: 'Limpeza de bico injetor/carburador',
  fork_seals: 'Retentores e óleo de bengala',
  electrical: 'Reparo elétrico',
  diagnosis: 'Diagnóstico',
};

export const isServiceCode = (s: string): s is ServiceCode =>
  (SERVICE_CODES as readonly string[]).includes(s);
