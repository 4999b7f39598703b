import type { CatalogueItem } from '../../core/catalogue/types';
import type { ServiceCode } from '../../core/domain/services';

/**
 * Catalogue of the demo shop ("Moto Peças & Serviços do Zé", Campinas/SP),
 * with street prices a Brazilian shop would charge in 2026, in centavos.
 * Family rows hold what changes by model (oil volume, filter, chain kit, tyre
 * sizes, brakes, battery); generic rows (familyId null) are the shop's
 * standard price for any other model, so every service can always be quoted.
 * Labour rows carry minutes; money comes from the shop's hourly rate.
 */

type PartRow = readonly [suffix: string, service: ServiceCode, description: string, priceCents: number, quantity?: number];
type LabourRow = readonly [suffix: string, service: ServiceCode, description: string, minutes: number];

const part = (sku: string, familyId: string | null, [, serviceCode, description, priceCents, quantity = 1]: PartRow): CatalogueItem => ({
  sku, serviceCode, familyId, kind: 'part', description, priceCents, quantity, labourMinutes: 0, active: true,
});

const labour = (sku: string, familyId: string | null, [, serviceCode, description, labourMinutes]: LabourRow): CatalogueItem => ({
  sku, serviceCode, familyId, kind: 'labour', description, priceCents: 0, quantity: 1, labourMinutes, active: true,
});

const rows = (familyId: string | null, parts: readonly PartRow[], labours: readonly LabourRow[] = []): CatalogueItem[] => {
  const prefix = familyId === null ? 'GEN' : familyId.toUpperCase();
  return [
    ...parts.map((r) => part(`${prefix}-${r[0]}`, familyId, r)),
    ...labours.map((r) => labour(`${prefix}-MO-${r[0]}`, familyId, r)),
  ];
};

// Models without a clutch lever (cubs with automatic clutch, CVT scooters).
const noClutchCable = (model: string): LabourRow =>
  ['CABO-EMB', 'clutch_cable', `Verificação de cabos (${model} não tem cabo de embreagem)`, 15];

// CVT scooters have a belt instead of a chain: "relação" there means the belt.
const scooterTransmission = (model: string): LabourRow[] => [
  ['RELACAO', 'chain_kit', `Troca da correia CVT e limpeza da transmissão (${model})`, 60],
  ['CORRENTE', 'chain_adjust', `Limpeza e lubrificação da transmissão CVT (${model})`, 45],
];

const GENERIC: CatalogueItem[] = [
  ...rows(
    null,
    [
      ['OLEO-10W30', 'oil_change', 'Óleo Mobil Super Moto 10W30 semissintético (litro)', 4490],
      ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo (modelo a confirmar)', 3490],
      ['RELACAO', 'chain_kit', 'Kit relação com retentor (corrente, coroa e pinhão) — modelo a confirmar', 24990],
      ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq (modelo a confirmar)', 5490],
      ['LONA-TRAS', 'brake_shoes_rear', 'Lonas de freio traseiras Cobreq (modelo a confirmar)', 4290],
      ['FLUIDO-DOT4', 'brake_fluid', 'Fluido de freio DOT 4 (frasco 200 ml)', 2990],
      ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro (medida a confirmar)', 27990],
      ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro (medida a confirmar)', 34990],
      ['CAMARA', 'inner_tube', 'Câmara de ar Pirelli (aro a confirmar)', 4290],
      ['INSUMOS-REV', 'revision', 'Insumos de revisão (desengraxante, graxa, lubrificante de corrente, limpa-contato)', 2990],
      ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem (modelo a confirmar)', 13990],
      ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem (modelo a confirmar)', 3990],
      ['BATERIA-5AH', 'battery', 'Bateria selada 12V 5Ah Moura', 22990],
      ['VELA-NGK', 'spark_plug', 'Vela de ignição NGK (modelo a confirmar)', 3990],
      ['JUNTA-VALV', 'valve_adjust', 'Junta/vedação da tampa de válvulas', 2490],
      ['ANEIS-BICO', 'injector_cleaning', 'Anéis de vedação do bico injetor', 1490],
      ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala (modelo a confirmar)', 5990],
      ['OLEO-BENGALA', 'fork_seals', 'Óleo de suspensão SAE 10W (frasco 500 ml)', 3490],
    ],
    [
      ['OLEO', 'oil_change', 'Mão de obra: troca de óleo e filtro', 30],
      ['RELACAO', 'chain_kit', 'Mão de obra: troca do kit relação', 60],
      ['CORRENTE', 'chain_adjust', 'Mão de obra: regulagem e lubrificação da corrente', 20],
      ['PAST-DIANT', 'brake_pads_front', 'Mão de obra: troca das pastilhas dianteiras', 30],
      ['LONA-TRAS', 'brake_shoes_rear', 'Mão de obra: troca das lonas traseiras', 40],
      ['FLUIDO', 'brake_fluid', 'Mão de obra: troca e sangria do fluido de freio', 30],
      ['PNEU-DIANT', 'tyre_front', 'Mão de obra: montagem do pneu dianteiro', 30],
      ['PNEU-TRAS', 'tyre_rear', 'Mão de obra: montagem do pneu traseiro', 40],
      ['CAMARA', 'inner_tube', 'Mão de obra: troca de câmara de ar', 30],
      ['REVISAO', 'revision', 'Mão de obra: revisão geral (freios, corrente, cabos, luzes, suspensão)', 90],
      ['EMBREAGEM', 'clutch', 'Mão de obra: troca dos discos de embreagem', 120],
      ['CABO-EMB', 'clutch_cable', 'Mão de obra: troca e regulagem do cabo de embreagem', 30],
      ['BATERIA', 'battery', 'Mão de obra: instalação e teste do sistema de carga', 15],
      ['VELA', 'spark_plug', 'Mão de obra: troca de vela', 15],
      ['VALVULAS', 'valve_adjust', 'Mão de obra: regulagem de válvulas', 60],
      ['BICO', 'injector_cleaning', 'Mão de obra: limpeza de bico injetor por ultrassom', 60],
      ['BENGALA', 'fork_seals', 'Mão de obra: troca de retentores e óleo de bengala', 120],
      ['ELETRICA', 'electrical', 'Mão de obra: reparo elétrico (farol, pisca, estator, regulador)', 60],
      ['DIAGNOSTICO', 'diagnosis', 'Diagnóstico (avaliação do mecânico)', 45],
    ],
  ),
  // Kept for history: the shop stopped selling mineral oil.
  { ...part('GEN-OLEO-20W50', null, ['', 'oil_change', 'Óleo 20W50 mineral (litro) — fora de linha', 2990]), active: false },
];

// Tyre and tube sizes shared by several families.
const TYRES_18 = {
  front: ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli City Dragon 80/100-18', 18990],
  rear: ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli City Dragon 90/90-18', 25990],
  tube: ['CAMARA', 'inner_tube', 'Câmara de ar traseira aro 18 Pirelli', 3990],
} as const satisfies Record<string, PartRow>;

const TYRES_CUB = {
  front: ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli Super City 60/100-17', 14990],
  rear: ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli Super City 80/100-14', 16990],
  tube: ['CAMARA', 'inner_tube', 'Câmara de ar traseira aro 14 Pirelli', 3490],
} as const satisfies Record<string, PartRow>;

const TYRES_TRAIL_19 = {
  front: ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli MT 60 90/90-19', 29990],
  rear: ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli MT 60 110/90-17', 37990],
  tube: ['CAMARA', 'inner_tube', 'Câmara de ar traseira aro 17 (110/90) Pirelli', 4490],
} as const satisfies Record<string, PartRow>;

const tubelessRepair = (model: string): { part: PartRow; labour: LabourRow } => ({
  part: ['REPARO-TL', 'inner_tube', `Reparo de pneu sem câmara (refil tipo macarrão) — ${model}`, 1990],
  labour: ['CAMARA', 'inner_tube', `Mão de obra: reparo de furo em pneu sem câmara (${model})`, 20],
});

const forkOil = (bottles: number): PartRow =>
  ['OLEO-BENGALA', 'fork_seals', 'Óleo de suspensão SAE 10W (frasco 500 ml)', 3490, bottles];

const HONDA_OIL = 'Óleo Mobil Super Moto 10W30 semissintético (litro)';
const YAMAHA_OIL = 'Óleo Yamalube 10W40 semissintético (litro)';

const FAMILIES: CatalogueItem[] = [
  ...rows('cg160', [
    ['OLEO', 'oil_change', HONDA_OIL, 4290, 1.0],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo CG 160 (elemento de papel)', 2590],
    ['RELACAO', 'chain_kit', 'Kit relação Vaz CG 160 com retentor (corrente 428H, coroa 43D, pinhão 14D)', 18990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq CG 160', 3990],
    ['LONA-TRAS', 'brake_shoes_rear', 'Lonas de freio traseiras Cobreq CG 160', 3490],
    TYRES_18.front, TYRES_18.rear, TYRES_18.tube,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem CG 160', 8990],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem CG 160', 2990],
    ['BATERIA', 'battery', 'Bateria Moura 12V 5Ah (CG 160)', 19990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK CG 160', 3490],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala CG 160', 3990],
    forkOil(1),
  ], [
    ['EMBREAGEM', 'clutch', 'Mão de obra: troca dos discos de embreagem (CG 160)', 90],
  ]),
  ...rows('cg150', [
    ['OLEO', 'oil_change', HONDA_OIL, 4290, 1.0],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo CG 150 (elemento de papel)', 2490],
    ['RELACAO', 'chain_kit', 'Kit relação Vaz CG 150 com retentor', 16990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq CG 150', 3690],
    ['LONA-TRAS', 'brake_shoes_rear', 'Lonas de freio traseiras Cobreq CG 150', 3290],
    TYRES_18.front, TYRES_18.rear, TYRES_18.tube,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem CG 150', 8490],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem CG 150', 2790],
    ['BATERIA', 'battery', 'Bateria Moura 12V 5Ah (CG 150)', 19990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK CG 150', 3290],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala CG 150', 3890],
    forkOil(1),
  ], [
    ['EMBREAGEM', 'clutch', 'Mão de obra: troca dos discos de embreagem (CG 150)', 90],
  ]),
  // Biz and Pop have only a screen oil filter (cleaned, not replaced).
  ...rows('biz', [
    ['OLEO', 'oil_change', HONDA_OIL, 4290, 0.8],
    ['RELACAO', 'chain_kit', 'Kit relação Vaz Biz 125 com retentor', 13990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq Biz 125', 3790],
    ['LONA-TRAS', 'brake_shoes_rear', 'Lonas de freio traseiras Cobreq Biz', 3190],
    TYRES_CUB.front, TYRES_CUB.rear, TYRES_CUB.tube,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem Biz 125', 7990],
    ['BATERIA', 'battery', 'Bateria Moura 12V 4Ah (Biz)', 18490],
    ['VELA', 'spark_plug', 'Vela de ignição NGK Biz', 2990],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala Biz', 3490],
    forkOil(1),
  ], [
    ['OLEO', 'oil_change', 'Mão de obra: troca de óleo e limpeza da tela (Biz)', 20],
    noClutchCable('Biz'),
  ]),
  ...rows('pop110', [
    ['OLEO', 'oil_change', HONDA_OIL, 4290, 0.8],
    ['RELACAO', 'chain_kit', 'Kit relação Vaz Pop 110i com retentor', 11990],
    ['LONA-DIANT', 'brake_pads_front', 'Lonas de freio dianteiras Pop 110i (freio a tambor)', 3090],
    ['LONA-TRAS', 'brake_shoes_rear', 'Lonas de freio traseiras Pop 110i', 3090],
    TYRES_CUB.front, TYRES_CUB.rear, TYRES_CUB.tube,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem Pop 110i', 7490],
    ['BATERIA', 'battery', 'Bateria Moura 12V 4Ah (Pop 110i)', 17990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK Pop 110i', 2990],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala Pop 110i', 3290],
    forkOil(1),
  ], [
    ['OLEO', 'oil_change', 'Mão de obra: troca de óleo e limpeza da tela (Pop 110i)', 20],
    ['PAST-DIANT', 'brake_pads_front', 'Mão de obra: troca das lonas dianteiras (Pop 110i)', 40],
    ['FLUIDO', 'brake_fluid', 'Pop 110i tem freios a tambor: limpeza e regulagem dos freios', 20],
    noClutchCable('Pop 110i'),
  ]),
  ...rows('bros160', [
    ['OLEO', 'oil_change', HONDA_OIL, 4290, 1.1],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo Bros 160 (elemento de papel)', 2790],
    ['RELACAO', 'chain_kit', 'Kit relação Vaz Bros 160 com retentor', 22990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq Bros 160', 4490],
    ['LONA-TRAS', 'brake_shoes_rear', 'Lonas de freio traseiras Cobreq Bros 160', 3990],
    TYRES_TRAIL_19.front, TYRES_TRAIL_19.rear, TYRES_TRAIL_19.tube,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem Bros 160', 9990],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem Bros 160', 3490],
    ['BATERIA', 'battery', 'Bateria Moura 12V 5Ah (Bros 160)', 20990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK Bros 160', 3490],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala Bros 160', 4990],
    forkOil(1),
  ]),
  ...rows('xre190', [
    ['OLEO', 'oil_change', HONDA_OIL, 4290, 1.2],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo XRE 190 (elemento de papel)', 2990],
    ['RELACAO', 'chain_kit', 'Kit relação Vaz XRE 190 com retentor', 25990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq XRE 190', 4990],
    ['PAST-TRAS', 'brake_shoes_rear', 'Pastilhas de freio traseiras XRE 190 (freio a disco)', 4590],
    TYRES_TRAIL_19.front, TYRES_TRAIL_19.rear, TYRES_TRAIL_19.tube,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem XRE 190', 10990],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem XRE 190', 3690],
    ['BATERIA', 'battery', 'Bateria Moura 12V 6Ah (XRE 190)', 23990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK XRE 190', 3690],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala XRE 190', 5990],
    forkOil(1),
  ], [
    ['LONA-TRAS', 'brake_shoes_rear', 'Mão de obra: troca das pastilhas traseiras (XRE 190)', 30],
  ]),
  ...rows('xre300', [
    ['OLEO', 'oil_change', 'Óleo Motul 5100 10W30 semissintético (litro)', 5490, 1.5],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo XRE 300 (elemento de papel)', 3990],
    ['RELACAO', 'chain_kit', 'Kit relação DID XRE 300 com retentor (corrente 520)', 38990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq XRE 300', 6990],
    ['PAST-TRAS', 'brake_shoes_rear', 'Pastilhas de freio traseiras XRE 300 (freio a disco)', 5990],
    ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli MT 60 90/90-21', 38990],
    ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli MT 60 120/80-18', 49990],
    ['CAMARA', 'inner_tube', 'Câmara de ar traseira aro 18 (120/80) Pirelli', 4990],
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem XRE 300', 21990],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem XRE 300', 4990],
    ['BATERIA', 'battery', 'Bateria Moura 12V 6Ah (XRE 300)', 28990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK XRE 300', 3990],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala XRE 300', 8990],
    forkOil(2),
  ], [
    ['LONA-TRAS', 'brake_shoes_rear', 'Mão de obra: troca das pastilhas traseiras (XRE 300)', 30],
    ['VALVULAS', 'valve_adjust', 'Mão de obra: regulagem de válvulas (XRE 300)', 90],
    ['BENGALA', 'fork_seals', 'Mão de obra: troca de retentores e óleo de bengala (XRE 300)', 150],
  ]),
  ...rows('cb300f', [
    ['OLEO', 'oil_change', HONDA_OIL, 4290, 1.5],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo CB 300F Twister', 3990],
    ['RELACAO', 'chain_kit', 'Kit relação DID CB 300F Twister com retentor', 34990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq CB 300F', 6490],
    ['PAST-TRAS', 'brake_shoes_rear', 'Pastilhas de freio traseiras CB 300F (freio a disco)', 5490],
    ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli Diablo Rosso 110/70-17 sem câmara', 44990],
    ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli Diablo Rosso 140/70-17 sem câmara', 56990],
    tubelessRepair('CB 300F').part,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem CB 300F', 19990],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem CB 300F', 4490],
    ['BATERIA', 'battery', 'Bateria Moura 12V 6Ah (CB 300F)', 28990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK CB 300F', 3990],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala CB 300F', 7490],
    forkOil(1),
  ], [
    ['LONA-TRAS', 'brake_shoes_rear', 'Mão de obra: troca das pastilhas traseiras (CB 300F)', 30],
    tubelessRepair('CB 300F').labour,
    ['VALVULAS', 'valve_adjust', 'Mão de obra: regulagem de válvulas (CB 300F)', 90],
  ]),
  ...rows('pcx160', [
    ['OLEO', 'oil_change', 'Óleo Mobil Super Moto Scooter 10W30 semissintético (litro)', 4590, 0.8],
    ['CORREIA', 'chain_kit', 'Correia de transmissão CVT PCX 160', 28990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq PCX 160', 5990],
    ['LONA-TRAS', 'brake_shoes_rear', 'Lonas de freio traseiras PCX 160 (versão CBS)', 4490],
    ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli Angel Scooter 110/70-14 sem câmara', 32990],
    ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli Angel Scooter 130/70-13 sem câmara', 36990],
    tubelessRepair('PCX 160').part,
    ['SAPATAS-EMB', 'clutch', 'Sapatas de embreagem centrífuga PCX 160', 14990],
    ['BATERIA', 'battery', 'Bateria Moura 12V 6Ah (PCX 160)', 37990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK PCX 160', 3990],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala PCX 160', 5490],
    forkOil(1),
  ], [
    ['OLEO', 'oil_change', 'Mão de obra: troca de óleo e limpeza da tela (PCX 160)', 30],
    ['PNEU-TRAS', 'tyre_rear', 'Mão de obra: montagem do pneu traseiro (PCX 160, remove escapamento)', 50],
    tubelessRepair('PCX 160').labour,
    ...scooterTransmission('PCX 160'),
    ['EMBREAGEM', 'clutch', 'Mão de obra: troca das sapatas de embreagem (PCX 160)', 90],
    noClutchCable('PCX 160'),
    ['VELA', 'spark_plug', 'Mão de obra: troca de vela (PCX 160, remove carenagem)', 30],
    ['VALVULAS', 'valve_adjust', 'Mão de obra: regulagem de válvulas (PCX 160, remove carenagem)', 90],
    ['REVISAO', 'revision', 'Mão de obra: revisão geral de scooter (inclui transmissão CVT)', 120],
  ]),
  ...rows('factor150', [
    ['OLEO', 'oil_change', YAMAHA_OIL, 4590, 1.0],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo Factor 150 (elemento de papel)', 2890],
    ['RELACAO', 'chain_kit', 'Kit relação Vaz Factor 150 com retentor', 18990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq Factor 150', 3990],
    ['LONA-TRAS', 'brake_shoes_rear', 'Lonas de freio traseiras Cobreq Factor 150', 3690],
    TYRES_18.front, TYRES_18.rear, TYRES_18.tube,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem Factor 150', 8990],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem Factor 150', 2990],
    ['BATERIA', 'battery', 'Bateria Moura 12V 5Ah (Factor 150)', 20990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK Factor 150', 3490],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala Factor 150', 3990],
    forkOil(1),
  ], [
    ['EMBREAGEM', 'clutch', 'Mão de obra: troca dos discos de embreagem (Factor 150)', 90],
  ]),
  ...rows('fz25', [
    ['OLEO', 'oil_change', YAMAHA_OIL, 4590, 1.4],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo Fazer FZ25', 3590],
    ['RELACAO', 'chain_kit', 'Kit relação DID Fazer FZ25 com retentor', 32990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq FZ25', 6490],
    ['PAST-TRAS', 'brake_shoes_rear', 'Pastilhas de freio traseiras FZ25 (freio a disco)', 5490],
    ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli Diablo Rosso 100/80-17 sem câmara', 37990],
    ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli Diablo Rosso 140/70-17 sem câmara', 55990],
    tubelessRepair('FZ25').part,
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem FZ25', 17990],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem FZ25', 4290],
    ['BATERIA', 'battery', 'Bateria Moura 12V 6Ah (FZ25)', 32990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK FZ25', 3990],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala FZ25', 6990],
    forkOil(1),
  ], [
    ['LONA-TRAS', 'brake_shoes_rear', 'Mão de obra: troca das pastilhas traseiras (FZ25)', 30],
    tubelessRepair('FZ25').labour,
    ['VALVULAS', 'valve_adjust', 'Mão de obra: regulagem de válvulas (FZ25)', 90],
  ]),
  ...rows('nmax160', [
    ['OLEO', 'oil_change', 'Óleo Yamalube Scooter 10W40 semissintético (litro)', 4990, 0.9],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo NMax 160', 3490],
    ['CORREIA', 'chain_kit', 'Correia de transmissão CVT NMax 160', 31990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq NMax 160', 6990],
    ['PAST-TRAS', 'brake_shoes_rear', 'Pastilhas de freio traseiras NMax 160 (freio a disco)', 6490],
    ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli Angel Scooter 110/70-13 sem câmara', 30990],
    ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli Angel Scooter 130/70-13 sem câmara', 35990],
    tubelessRepair('NMax 160').part,
    ['SAPATAS-EMB', 'clutch', 'Sapatas de embreagem centrífuga NMax 160', 16990],
    ['BATERIA', 'battery', 'Bateria Moura 12V 6Ah (NMax 160)', 38990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK NMax 160', 4290],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala NMax 160', 5990],
    forkOil(1),
  ], [
    ['LONA-TRAS', 'brake_shoes_rear', 'Mão de obra: troca das pastilhas traseiras (NMax 160)', 30],
    ['PNEU-TRAS', 'tyre_rear', 'Mão de obra: montagem do pneu traseiro (NMax 160, remove escapamento)', 50],
    tubelessRepair('NMax 160').labour,
    ...scooterTransmission('NMax 160'),
    ['EMBREAGEM', 'clutch', 'Mão de obra: troca das sapatas de embreagem (NMax 160)', 90],
    noClutchCable('NMax 160'),
    ['VELA', 'spark_plug', 'Mão de obra: troca de vela (NMax 160, remove carenagem)', 30],
    ['VALVULAS', 'valve_adjust', 'Mão de obra: regulagem de válvulas (NMax 160, remove carenagem)', 90],
    ['REVISAO', 'revision', 'Mão de obra: revisão geral de scooter (inclui transmissão CVT)', 120],
  ]),
  ...rows('lander250', [
    ['OLEO', 'oil_change', YAMAHA_OIL, 4590, 1.5],
    ['FILTRO-OLEO', 'oil_change', 'Filtro de óleo XTZ Lander 250', 3490],
    ['RELACAO', 'chain_kit', 'Kit relação DID Lander 250 com retentor', 36990],
    ['PAST-DIANT', 'brake_pads_front', 'Pastilhas de freio dianteiras Cobreq Lander 250', 7490],
    ['PAST-TRAS', 'brake_shoes_rear', 'Pastilhas de freio traseiras Lander 250 (freio a disco)', 5990],
    ['PNEU-DIANT', 'tyre_front', 'Pneu dianteiro Pirelli MT 60 80/90-21', 36990],
    ['PNEU-TRAS', 'tyre_rear', 'Pneu traseiro Pirelli MT 60 120/80-18', 48990],
    ['CAMARA', 'inner_tube', 'Câmara de ar traseira aro 18 (120/80) Pirelli', 4990],
    ['DISCOS-EMB', 'clutch', 'Jogo de discos de embreagem Lander 250', 18990],
    ['CABO-EMB', 'clutch_cable', 'Cabo de embreagem Lander 250', 4590],
    ['BATERIA', 'battery', 'Bateria Moura 12V 6Ah (Lander 250)', 32990],
    ['VELA', 'spark_plug', 'Vela de ignição NGK Lander 250', 3990],
    ['RET-BENGALA', 'fork_seals', 'Par de retentores de bengala Lander 250', 7990],
    forkOil(2),
  ], [
    ['LONA-TRAS', 'brake_shoes_rear', 'Mão de obra: troca das pastilhas traseiras (Lander 250)', 30],
    ['VALVULAS', 'valve_adjust', 'Mão de obra: regulagem de válvulas (Lander 250)', 90],
    ['BENGALA', 'fork_seals', 'Mão de obra: troca de retentores e óleo de bengala (Lander 250)', 150],
  ]),
];

export const DEMO_CATALOGUE: readonly CatalogueItem[] = [...GENERIC, ...FAMILIES];

/** Hourly labour rate of the demo shop: R$ 90,00/h. */
export const DEMO_LABOUR_RATE_CENTS_PER_HOUR = 9_000;
