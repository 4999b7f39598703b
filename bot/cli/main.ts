import { pathToFileURL } from 'node:url';
import { ConfigError, loadConfig } from '../config';
import { CliError } from './cli-error';
import { catalogueExport } from './commands/catalogue-export';
import { catalogueImport } from './commands/catalogue-import';
import { channelAdd } from './commands/channel-add';
import { migrate } from './commands/migrate';
import { seedDemoCommand } from './commands/seed-demo';
import { staffAdd } from './commands/staff-add';
import { staffLinkCode } from './commands/staff-link-code';
import { tenantCreate } from './commands/tenant-create';
import { tenantList } from './commands/tenant-list';
import type { CliDeps } from './deps';
import { HELP, MSG } from './messages';

/** The operator CLI: `npm run mg -- <command> [flags]`. Only dispatch lives here. */
type Command = (deps: CliDeps, argv: readonly string[]) => Promise<unknown>;

export const COMMANDS: Readonly<Record<string, Command>> = {
  migrate,
  'tenant:create': tenantCreate,
  'tenant:list': tenantList,
  'channel:add': channelAdd,
  'staff:add': staffAdd,
  'staff:link-code': staffLinkCode,
  'catalogue:export': catalogueExport,
  'catalogue:import': catalogueImport,
  'seed:demo': seedDemoCommand,
};

export interface CliIo {
  readonly env?: Record<string, string | undefined>;
  readonly out?: (line: string) => void;
  readonly err?: (line: string) => void;
  readonly deps?: Partial<Omit<CliDeps, 'out'>>;
}

/** Runs one command and returns the exit code: 0 ok, 1 failure, 2 bad usage. */
export const runCli = async (argv: readonly string[], io: CliIo = {}): Promise<number> => {
  const out = io.out ?? ((line: string) => console.log(line));
  const err = io.err ?? ((line: string) => console.error(line));
  const [name, ...rest] = argv;
  if (name === undefined) {
    err(MSG.noCommand);
    return 2;
  }
  if (name === 'help' || name === '--help' || name === '-h') {
    out(HELP);
    return 0;
  }
  const command = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!command) {
    err(MSG.unknownCommand(name));
    return 2;
  }
  try {
    const config = io.deps?.config ?? loadConfig(io.env ?? process.env);
    await command({ ...io.deps, config, out }, rest);
    return 0;
  } catch (e) {
    if (e instanceof CliError) {
      err(e.message);
      return e.exitCode;
    }
    if (e instanceof ConfigError) {
      err(e.message);
      return 1;
    }
    err(MSG.unexpected(e instanceof Error ? e.message : String(e)));
    return 1;
  }
};

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await runCli(process.argv.slice(2));
}
