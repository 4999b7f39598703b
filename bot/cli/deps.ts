import type { Config } from '../config';
import type { PasswordHasher } from '../security/password';

/** What every command needs; tests pass a cheap hasher and capture `out`. */
export interface CliDeps {
  readonly config: Config;
  readonly out: (line: string) => void;
  readonly hasher?: Pick<PasswordHasher, 'hash'>;
  readonly now?: () => Date;
}
