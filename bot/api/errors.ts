import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from 'pino';
import { errorHandler, HttpError } from '../http/errors';
import { API_MESSAGES } from './messages';

/** Unknown /api paths answer JSON, never the web app's HTML. */
export const apiNotFound: RequestHandler = (_req, res) => {
  res.status(404).json({ code: 'NOT_FOUND', message: API_MESSAGES.notFound });
};

/** The shared edge mapping, plus field issues on our own validation errors. */
export const apiErrorHandler = (logger: Logger): ErrorRequestHandler => {
  const base = errorHandler(logger);
  return (err, req, res, next) => {
    const issues = (err as { issues?: unknown }).issues;
    if (err instanceof HttpError && Array.isArray(issues) && !res.headersSent) {
      res.status(err.status).json({ code: err.code, message: err.message, issues });
      return;
    }
    base(err, req, res, next);
  };
};
