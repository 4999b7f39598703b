import { availableParallelism } from 'node:os';
import cookieParser from 'cookie-parser';
import { Router } from 'express';
import { authenticate } from '../auth/middleware';
import { parseAuthOptions } from '../auth/options';
import { createLoginLimiter } from '../auth/rate-limit';
import { authRoutes } from '../auth/auth-routes';
import { createSessions } from '../auth/sessions';
import { createAccessTokens } from '../auth/tokens';
import { createBulkhead, type Bulkhead } from '../http/bulkhead';
import { createPasswordHasher } from '../security/password';
import type { ApiDeps } from './deps';
import { apiErrorHandler, apiNotFound } from './errors';
import { buildOpenApi } from './openapi';
import { mountRoutes, type ApiRoute } from './route';
import { auditRoutes } from './routes/audit';
import { catalogueRoutes } from './routes/catalogue';
import { channelRoutes } from './routes/channels';
import { customerRoutes } from './routes/customers';
import { dashboardRoutes } from './routes/dashboard';
import { failureRoutes } from './routes/failures';
import { orderActionRoutes } from './routes/order-actions';
import { orderRoutes } from './routes/orders';
import { settingsRoutes } from './routes/settings';
import { staffRoutes } from './routes/staff';

export type { ApiDeps } from './deps';

/**
 * The line the admin's reads (GET) wait in, from the configuration (API_READ_CONCURRENCY,
 * default the CPUs; API_READ_QUEUE_MAX, default 1000). Logins, refreshes and changes stay
 * outside it: only reads queue (measured by bench:api).
 */
export const createReadLane = (c: { readonly API_READ_CONCURRENCY?: number | undefined; readonly API_READ_QUEUE_MAX?: number } = {}): Bulkhead =>
  createBulkhead({ limit: c.API_READ_CONCURRENCY ?? availableParallelism(), maxQueue: c.API_READ_QUEUE_MAX ?? 1000 });

let sharedHasher: ReturnType<typeof createPasswordHasher> | undefined;

/** Every resource route, in mount order (static paths before `/:id`). */
export const allApiRoutes = (deps: ApiDeps & { hasher: ReturnType<typeof createPasswordHasher> }): ApiRoute[] => [
  ...dashboardRoutes(deps),
  ...orderRoutes(deps),
  ...orderActionRoutes(deps),
  ...customerRoutes(deps),
  ...catalogueRoutes(deps),
  ...channelRoutes(deps),
  ...staffRoutes(deps),
  ...failureRoutes(deps),
  ...auditRoutes(deps),
  ...settingsRoutes(deps),
];

/**
 * The admin web's REST API, to mount at /api. JSON bodies are parsed by the app
 * (express.json with MAX_BODY_BYTES); cookies here. Errors leave as `{ code, message }`.
 */
export const apiRoutes = (deps: ApiDeps): Router => {
  const options = parseAuthOptions(deps.auth);
  const now = deps.now ?? (() => new Date());
  const hasher = deps.hasher ?? (sharedHasher ??= createPasswordHasher());
  const limiter =
    deps.limiter ??
    createLoginLimiter({ windowMs: options.failureWindowMinutes * 60_000, maxPerAccount: options.maxFailuresPerAccount, maxPerIp: options.maxFailuresPerIp });
  const tokens = createAccessTokens(options.jwtSecret, options.accessTtlSeconds);
  const sessions = createSessions({ tdb: deps.tdb, hasher, tokens, accessTtlSeconds: options.accessTtlSeconds, refreshTtlDays: options.refreshTtlDays, now });
  const routes = allApiRoutes({ ...deps, hasher, now });
  const readLane = deps.readLane ?? createReadLane();
  const openapi = buildOpenApi(routes);

  const r = Router();
  r.use(cookieParser());
  r.use((_req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    next();
  });
  r.get('/openapi.json', (_req, res) => {
    res.json(openapi);
  });
  r.use(authRoutes({ tdb: deps.tdb, sessions, tokens, limiter, options, now }));
  r.use(mountRoutes(routes, authenticate({ tdb: deps.tdb, tokens, now }), readLane.middleware));
  r.use(apiNotFound);
  r.use(apiErrorHandler(deps.logger));
  return r;
};
