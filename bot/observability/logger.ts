import pino, { type Logger, type DestinationStream } from 'pino';
import { currentContext } from './context';

export type { Logger };

/**
 * JSON logs. Phones, message text, tokens, passwords and keys are redacted wherever
 * they appear under the usual field names, up to three levels deep.
 */
const SENSITIVE = [
  'phone', 'phoneE164', 'from', 'to', 'address', 'replyTo', 'text', 'body', 'caption', 'transcript',
  'password', 'passwordHash', 'token', 'accessToken', 'refreshToken', 'secret', 'secrets', 'apiKey',
  'authorization', 'cookie', 'pixKey', 'pixCode', 'key', 'email',
];
const paths = SENSITIVE.flatMap((k) => [k, `*.${k}`, `*.*.${k}`, `*.*.*.${k}`]).concat([
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-hub-signature-256"]',
  'req.headers["x-telegram-bot-api-secret-token"]',
]);

export const createLogger = (opts: { level: string; destination?: DestinationStream; name?: string }): Logger =>
  pino(
    {
      name: opts.name ?? 'motogestor',
      level: opts.level,
      redact: { paths, censor: '[redacted]' },
      base: undefined,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      mixin: () => {
        const ctx = currentContext();
        return ctx ? { ...ctx } : {};
      },
    },
    opts.destination,
  );
