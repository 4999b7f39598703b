/**
 * `npm run eval:nlu`: offline NLU accuracy on the labelled sets.
 * Exits 1 when intent accuracy on the main set is below 0.95.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { evalSetSchema, evaluate, type EvalReport } from '../../core/nlu/evaluate';
import { INTENTS } from '../../core/nlu/types';
import { understand } from '../../core/nlu/understand';

const MIN_ACCURACY = 0.95;
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(6);

const load = (name: string) =>
  evalSetSchema.parse(JSON.parse(readFileSync(fileURLToPath(new URL(`../../core/nlu/${name}`, import.meta.url)), 'utf8')));

const print = (title: string, r: EvalReport, showMisses: boolean): void => {
  const out: string[] = [`\n== ${title}: ${r.total} frases, acurácia de intenção ${pct(r.intentAccuracy)} ==`];
  out.push(`${'intent'.padEnd(15)} ${'n'.padStart(4)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'acc'.padStart(6)}`);
  for (const i of INTENTS) {
    const s = r.perIntent[i];
    if (s.support === 0 && s.predicted === 0) continue;
    out.push(`${i.padEnd(15)} ${String(s.support).padStart(4)} ${pct(s.precision)} ${pct(s.recall)} ${pct(s.accuracy)}`);
  }
  out.push(`${'entity'.padEnd(15)} ${'n'.padStart(4)} ${'acc'.padStart(6)}`);
  for (const [k, s] of Object.entries(r.perEntity)) out.push(`${k.padEnd(15)} ${String(s.labelled).padStart(4)} ${pct(s.accuracy)}`);
  if (showMisses) {
    for (const m of r.misses) out.push(`  erro: "${m.text}" esperado ${m.expected}, veio ${m.got}`);
    for (const m of r.entityMisses) out.push(`  entidade ${m.key}: "${m.text}" esperado ${JSON.stringify(m.expected)}, veio ${JSON.stringify(m.got)}`);
  }
  process.stdout.write(`${out.join('\n')}\n`);
};

const main = evaluate(load('eval-set.json'), understand);
const holdout = evaluate(load('eval-holdout.json'), understand);
print('eval-set.json', main, true);
print('eval-holdout.json', holdout, true);
process.stdout.write(`\nGERAL: principal ${pct(main.intentAccuracy)} | holdout ${pct(holdout.intentAccuracy)} (mínimo ${pct(MIN_ACCURACY)} no principal)\n`);
process.exitCode = main.intentAccuracy >= MIN_ACCURACY ? 0 : 1;
