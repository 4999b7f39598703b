import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from './cli-error';
import { MSG } from './messages';

type Options = NonNullable<ParseArgsConfig['options']>;

/** node:util parseArgs in strict mode, with its English errors turned into pt-BR usage errors. */
export const parseFlags = <O extends Options>(argv: readonly string[], options: O) => {
  try {
    return parseArgs({ args: [...argv], options, strict: true, allowPositionals: false }).values;
  } catch (err) {
    const e = err as Error & { code?: string };
    const option = /'(-[^']*)'/.exec(e.message)?.[1]?.split(' ')[0] ?? '';
    const positional = /argument '([^']*)'/.exec(e.message)?.[1] ?? '';
    switch (e.code) {
      case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
        throw new CliError(MSG.unknownOption(option), 2);
      case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
        throw new CliError(MSG.missingValue(option), 2);
      case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
        throw new CliError(MSG.unexpectedArgument(positional), 2);
      default:
        throw new CliError(MSG.badArguments(e.message), 2);
    }
  }
};
