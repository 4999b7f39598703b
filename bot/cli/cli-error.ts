/** An operator mistake (bad flag, unknown tenant): printed as is, never with a stack trace. */
export class CliError extends Error {
  constructor(
    message: string,
    /** 2 for usage errors (bad arguments), 1 for everything else. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}
