import { migrate as applyMigrations } from '../../db/database';
import type { MigrateResult } from '../../db/migrate';
import type { CliDeps } from '../deps';
import { parseFlags } from '../parse-flags';

/** `migrate`: applies pending migrations; safe to run any number of times. */
export const migrate = async (deps: CliDeps, argv: readonly string[]): Promise<MigrateResult> => {
  parseFlags(argv, {});
  const result = await applyMigrations(deps.config);
  for (const name of result.applied) deps.out(`aplicada:  ${name}`);
  for (const name of result.skipped) deps.out(`já estava: ${name}`);
  deps.out(`${result.applied.length} migração(ões) aplicada(s), ${result.skipped.length} já aplicada(s).`);
  return result;
};
