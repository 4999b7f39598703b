import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { ZodError } from 'zod';

/** An expected failure that the edge maps to an HTTP status and a pt-BR message. */
export class HttpError extends Error {
  constructor(readonly status: number, readonly code: string, message: string) {
    super(message);
    this.name = 'HttpError';
  }
}

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ code: 'NOT_FOUND', message: 'Recurso não encontrado.' });
};

/** Every error leaves as `{ code, message }`; internals are logged, never sent. */
export const errorHandler = (logger: Logger): ErrorRequestHandler => (err, _req, res, _next) => {
  if (res.headersSent) return;
  if (err instanceof HttpError) {
    res.status(err.status).json({ code: err.code, message: err.message });
    return;
  }
  if (err instanceof ZodError) {
    res.status(400).json({
      code: 'VALIDATION_FAILED',
      message: 'Dados inválidos.',
      issues: err.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
    });
    return;
  }
  const e = err as { type?: string; status?: number };
  if (e.type === 'entity.too.large') {
    res.status(413).json({ code: 'PAYLOAD_TOO_LARGE', message: 'Conteúdo grande demais.' });
    return;
  }
  if (e.type === 'entity.parse.failed') {
    res.status(400).json({ code: 'INVALID_JSON', message: 'JSON inválido.' });
    return;
  }
  if (e.type === 'encoding.unsupported' || e.type === 'charset.unsupported') {
    res.status(415).json({ code: 'UNSUPPORTED_ENCODING', message: 'Codificação não suportada.' });
    return;
  }
  logger.error({ err }, 'unhandled error');
  res.status(500).json({ code: 'INTERNAL', message: 'Erro interno. Tente novamente em instantes.' });
};
