/**
 * The motorcycle models most seen in Brazilian shops, grouped in "families":
 * models that share parts and labour times (a Titan 160 and a Fan 160 take the
 * same oil filter, chain kit and brake pads). Prices in the catalogue are per
 * family; the NLU maps what customers write ("titan", "bizinha", "xrezinha")
 * to a family id from this list.
 */
export interface MotorcycleFamily {
  /** Stable id used by the catalogue and quotes, e.g. "cg160". */
  readonly id: string;
  readonly brand: string;
  /** Display name in pt-BR, e.g. "Honda CG 160 (Titan/Fan/Start/Cargo)". */
  readonly name: string;
  readonly displacementCc: number;
  readonly kind: 'street' | 'scooter' | 'trail' | 'naked' | 'cub';
}

export const MOTORCYCLE_FAMILIES: readonly MotorcycleFamily[] = [
  { id: 'cg160', brand: 'Honda', name: 'Honda CG 160 (Titan/Fan/Start/Cargo)', displacementCc: 160, kind: 'street' },
  { id: 'cg150', brand: 'Honda', name: 'Honda CG 150 (Titan/Fan/Start)', displacementCc: 150, kind: 'street' },
  { id: 'cg125', brand: 'Honda', name: 'Honda CG 125 (Fan/Titan/Cargo)', displacementCc: 125, kind: 'street' },
  { id: 'biz', brand: 'Honda', name: 'Honda Biz 110i/125', displacementCc: 125, kind: 'cub' },
  { id: 'pop110', brand: 'Honda', name: 'Honda Pop 110i', displacementCc: 110, kind: 'cub' },
  { id: 'bros160', brand: 'Honda', name: 'Honda NXR 160 Bros', displacementCc: 160, kind: 'trail' },
  { id: 'xre190', brand: 'Honda', name: 'Honda XRE 190', displacementCc: 190, kind: 'trail' },
  { id: 'xre300', brand: 'Honda', name: 'Honda XRE 300', displacementCc: 300, kind: 'trail' },
  { id: 'cb300f', brand: 'Honda', name: 'Honda CB 300F Twister', displacementCc: 300, kind: 'naked' },
  { id: 'cb250f', brand: 'Honda', name: 'Honda CB 250F Twister', displacementCc: 250, kind: 'naked' },
  { id: 'pcx160', brand: 'Honda', name: 'Honda PCX 160', displacementCc: 160, kind: 'scooter' },
  { id: 'elite125', brand: 'Honda', name: 'Honda Elite 125', displacementCc: 125, kind: 'scooter' },
  { id: 'hornet', brand: 'Honda', name: 'Honda CB 600F Hornet', displacementCc: 600, kind: 'naked' },
  { id: 'cb500', brand: 'Honda', name: 'Honda CB 500F/X', displacementCc: 500, kind: 'naked' },
  { id: 'factor150', brand: 'Yamaha', name: 'Yamaha Factor 150', displacementCc: 150, kind: 'street' },
  { id: 'factor125', brand: 'Yamaha', name: 'Yamaha Factor 125', displacementCc: 125, kind: 'street' },
  { id: 'fz15', brand: 'Yamaha', name: 'Yamaha Fazer FZ15', displacementCc: 150, kind: 'naked' },
  { id: 'fz25', brand: 'Yamaha', name: 'Yamaha Fazer FZ25 (Fazer 250)', displacementCc: 250, kind: 'naked' },
  { id: 'nmax160', brand: 'Yamaha', name: 'Yamaha NMax 160', displacementCc: 160, kind: 'scooter' },
  { id: 'crosser150', brand: 'Yamaha', name: 'Yamaha Crosser 150', displacementCc: 150, kind: 'trail' },
  { id: 'lander250', brand: 'Yamaha', name: 'Yamaha XTZ Lander 250', displacementCc: 250, kind: 'trail' },
  { id: 'ybr125', brand: 'Yamaha', name: 'Yamaha YBR 125 Factor', displacementCc: 125, kind: 'street' },
  { id: 'mt03', brand: 'Yamaha', name: 'Yamaha MT-03', displacementCc: 321, kind: 'naked' },
  { id: 'yes125', brand: 'Suzuki', name: 'Suzuki Yes/Intruder 125', displacementCc: 125, kind: 'street' },
  { id: 'haojue150', brand: 'Haojue', name: 'Haojue DK/DR 150', displacementCc: 150, kind: 'street' },
  { id: 'shineray50', brand: 'Shineray', name: 'Shineray Jet/Phoenix 50', displacementCc: 50, kind: 'cub' },
  { id: 'dafra', brand: 'Dafra', name: 'Dafra Apache/Citycom', displacementCc: 160, kind: 'street' },
  { id: 'classic350', brand: 'Royal Enfield', name: 'Royal Enfield Classic/Meteor 350', displacementCc: 350, kind: 'street' },
  { id: 'ninja400', brand: 'Kawasaki', name: 'Kawasaki Ninja/Z 400', displacementCc: 400, kind: 'naked' },
  { id: 'g310', brand: 'BMW', name: 'BMW G 310 R/GS', displacementCc: 310, kind: 'naked' },
];

export const findFamily = (id: string): MotorcycleFamily | undefined =>
  MOTORCYCLE_FAMILIES.find((f) => f.id === id);
