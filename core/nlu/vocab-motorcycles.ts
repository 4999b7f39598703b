/**
 * Nicknames and spellings customers use for each family in
 * core/domain/motorcycles.ts. Patterns run on normalized text (lowercase, no
 * accents); the first match wins, so specific forms ("xre 190") come before
 * generic ones ("xre").
 *
 * CG nicknames (titan, fan, start, cargo, cg) without a displacement resolve
 * by year: before 2016 the CG was a 150 (cg150), from 2016 on a 160; with no
 * year we assume the current 160, by far the most common in shops today.
 */
export interface ModelPattern {
  readonly re: RegExp;
  readonly model: string;
  /** Family id, or 'cg' for the year-dependent CG rule above. */
  readonly familyId: string;
}

export const MODEL_PATTERNS: readonly ModelPattern[] = [
  { re: /\b(?:titan|tita|fan|start|cargo|cg)\s*-?\s*125\b/, model: 'CG 125', familyId: 'cg125' },
  { re: /\b(?:titan|tita|fan|start|cargo|cg)\s*-?\s*150\b/, model: 'CG 150', familyId: 'cg150' },
  { re: /\b(?:titan|tita|fan|start|cargo|cg)\s*-?\s*160\b/, model: 'CG 160', familyId: 'cg160' },
  { re: /\btitan(?:zinha)?\b|\btita\b/, model: 'Titan', familyId: 'cg' },
  { re: /\bfan(?:zinha)?\b/, model: 'Fan', familyId: 'cg' },
  { re: /\bcg\s*start\b|\bstart\s*160\b|\b(?:minha|uma|a|de)\s+start\b/, model: 'Start', familyId: 'cg' },
  { re: /\bcargo\b/, model: 'Cargo', familyId: 'cg' },
  { re: /\bcg\b/, model: 'CG', familyId: 'cg' },
  { re: /\bbiz(?:inha|zinha)?\b/, model: 'Biz', familyId: 'biz' },
  { re: /\bpop(?:zinha|inha)?\b(?:\s*110)?/, model: 'Pop 110i', familyId: 'pop110' },
  { re: /\b(?:nxr\s*)?bros(?:inha|zinha)?\b|\bbroz\b/, model: 'Bros 160', familyId: 'bros160' },
  { re: /\bxre(?:zinha)?\s*-?\s*190\b/, model: 'XRE 190', familyId: 'xre190' },
  { re: /\bxre(?:zinha|zona)?\s*-?\s*(?:300)?\b/, model: 'XRE 300', familyId: 'xre300' },
  { re: /\b(?:cb|twister)\s*-?\s*250(?:\s*f)?\b/, model: 'CB 250F Twister', familyId: 'cb250f' },
  { re: /\btwister\b|\bcb\s*-?\s*300(?:\s*f)?\b/, model: 'CB 300F Twister', familyId: 'cb300f' },
  { re: /\bcb\s*-?\s*500(?:\s*[fx])?\b/, model: 'CB 500', familyId: 'cb500' },
  { re: /\bhornet\b|\bcb\s*-?\s*600\b/, model: 'Hornet', familyId: 'hornet' },
  { re: /\bpcx\b/, model: 'PCX 160', familyId: 'pcx160' },
  { re: /\belite\b/, model: 'Elite 125', familyId: 'elite125' },
  { re: /\bfactor\s*-?\s*125\b/, model: 'Factor 125', familyId: 'factor125' },
  { re: /\bfactor(?:zinha)?\b/, model: 'Factor 150', familyId: 'factor150' },
  { re: /\bfazer\s*-?\s*150\b|\bfz\s*-?\s*15\b/, model: 'Fazer FZ15', familyId: 'fz15' },
  { re: /\bfazer\s*-?\s*250\b|\bfz\s*-?\s*25\b|\b(?:minha|uma|da|na|yamaha)\s+fazer\b|\bfazer\s+(?:(?:19|20)\d{2}|ano|modelo)\b/, model: 'Fazer FZ25', familyId: 'fz25' },
  { re: /\bn\s*-?\s*max\b|\bnmax\b/, model: 'NMax 160', familyId: 'nmax160' },
  { re: /\bcrosser\b/, model: 'Crosser 150', familyId: 'crosser150' },
  { re: /\b(?:xtz\s*)?lander\b|\bxtz\b/, model: 'Lander 250', familyId: 'lander250' },
  { re: /\bybr\b/, model: 'YBR 125', familyId: 'ybr125' },
  { re: /\bmt\s*-?\s*0?3\b/, model: 'MT-03', familyId: 'mt03' },
  { re: /\bninja\b|\bz\s*400\b/, model: 'Ninja 400', familyId: 'ninja400' },
  { re: /\bintruder\b|\bsuzuki\s+yes\b/, model: 'Yes 125', familyId: 'yes125' },
  { re: /\bhaojue\b|\bdk\s*150\b|\bdr\s*150\b/, model: 'Haojue 150', familyId: 'haojue150' },
  { re: /\bshineray\b|\bphoenix\b|\bjet\s*50\b/, model: 'Shineray 50', familyId: 'shineray50' },
  { re: /\bdafra\b|\bapache\b|\bcitycom\b/, model: 'Dafra', familyId: 'dafra' },
  { re: /\broyal\s*enfield\b|\bclassic\s*350\b|\bmeteor\b|\bhunter\s*350\b/, model: 'Royal Enfield 350', familyId: 'classic350' },
  { re: /\bg\s*310\b/, model: 'G 310', familyId: 'g310' },
];

export const BRAND_PATTERNS: readonly { readonly re: RegExp; readonly brand: string }[] = [
  { re: /\bhonda\b/, brand: 'Honda' },
  { re: /\byamaha\b|\byamara\b/, brand: 'Yamaha' },
  { re: /\bsuzuki\b/, brand: 'Suzuki' },
  { re: /\bkawasaki\b/, brand: 'Kawasaki' },
  { re: /\bbmw\b/, brand: 'BMW' },
  { re: /\btriumph\b/, brand: 'Triumph' },
  { re: /\bshineray\b/, brand: 'Shineray' },
  { re: /\bhaojue\b/, brand: 'Haojue' },
  { re: /\bdafra\b/, brand: 'Dafra' },
  { re: /\broyal\s*enfield\b/, brand: 'Royal Enfield' },
];
