import { Router, type Request, type RequestHandler, type Response } from 'express';
import { z } from 'zod';
import type { BooleanFeature } from '../../core/plans/plans';
import { authOf, ownerOnly, requireFeature, type AuthContext } from '../auth/middleware';
import type { Actor } from '../pipeline/audit';
import { HttpError } from '../http/errors';
import { API_MESSAGES } from './messages';

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface HandlerCtx<P, Q, B> {
  readonly req: Request;
  readonly res: Response;
  readonly auth: AuthContext;
  readonly actor: Actor;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
}

/** One endpoint: its schemas serve validation and the OpenAPI document alike. */
export interface ApiRoute<P = any, Q = any, B = any> {
  readonly method: Method;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly access: 'staff' | 'owner';
  readonly feature?: BooleanFeature;
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /** JSON schema of the answer; `text/csv` for downloads. */
  readonly response: z.ZodType | 'text/csv';
  readonly handle: (ctx: HandlerCtx<P, Q, B>) => Promise<unknown>;
}

export const route = <P, Q, B>(r: ApiRoute<P, Q, B>): ApiRoute => r as ApiRoute;

export const notFound = (): HttpError => new HttpError(404, 'NOT_FOUND', API_MESSAGES.notFound);
export const conflict = (message: string): HttpError => new HttpError(409, 'CONFLICT', message);

/**
 * Mounts routes behind authentication, role and plan checks, validating params, query and
 * body. Reads (GET) first wait for a slot of `readLane` when given (see bot/http/bulkhead.ts),
 * before any other work; changes never wait there.
 */
export const mountRoutes = (routes: readonly ApiRoute[], authenticate: RequestHandler, readLane?: RequestHandler): Router => {
  const r = Router();
  for (const def of routes) {
    const guards: RequestHandler[] = def.method === 'get' && readLane ? [readLane, authenticate] : [authenticate];
    if (def.access === 'owner') guards.push(ownerOnly);
    if (def.feature) guards.push(requireFeature(def.feature));
    r[def.method](def.path, ...guards, async (req, res) => {
      // A malformed id can never name one of the tenant's rows: not found, like another tenant's id.
      const params = def.params ? def.params.safeParse(req.params) : { success: true as const, data: req.params };
      if (!params.success) throw notFound();
      const query = def.query ? def.query.parse(req.query) : req.query;
      const body = def.body ? def.body.parse(req.body ?? {}) : undefined;
      const auth = authOf(res);
      const out = await def.handle({ req, res, auth, actor: { type: 'user', id: auth.userId }, params: params.data, query, body });
      if (!res.headersSent) res.json(out);
    });
  }
  return r;
};

export const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);
