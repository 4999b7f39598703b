import { z } from 'zod';
import { apiErrorSchema } from '../../core/contracts/common';
import { loginBodySchema, meSchema, refreshBodySchema, tokenResponseSchema } from '../../core/contracts/auth';
import type { ApiRoute } from './route';

interface Op {
  readonly method: string;
  readonly path: string;
  readonly summary: string;
  readonly tag: string;
  readonly security: boolean;
  readonly params?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  readonly response: z.ZodType | 'text/csv';
}

const AUTH_OPS: Op[] = [
  { method: 'post', path: '/auth/login', summary: 'Entrar (e-mail e senha)', tag: 'auth', security: false, body: loginBodySchema, response: tokenResponseSchema },
  { method: 'post', path: '/auth/refresh', summary: 'Renovar sessão (token rotativo)', tag: 'auth', security: false, body: refreshBodySchema, response: tokenResponseSchema },
  { method: 'post', path: '/auth/logout', summary: 'Sair (revoga o token e a família de refresh)', tag: 'auth', security: true, response: z.object({ ok: z.literal(true) }) },
  { method: 'get', path: '/auth/me', summary: 'Usuário, oficina e recursos do plano', tag: 'auth', security: true, response: meSchema },
];

const schema = (s: z.ZodType, io: 'input' | 'output') => z.toJSONSchema(s, { target: 'draft-2020-12', io, unrepresentable: 'any' });

const parameters = (op: Op) => {
  const out: object[] = [];
  const add = (s: z.ZodType | undefined, where: 'path' | 'query') => {
    const js = s ? (schema(s, 'input') as { properties?: Record<string, object>; required?: string[] }) : null;
    for (const [name, prop] of Object.entries(js?.properties ?? {})) {
      out.push({ name, in: where, required: where === 'path' || (js?.required ?? []).includes(name), schema: prop });
    }
  };
  add(op.params, 'path');
  add(op.query, 'query');
  return out;
};

const ERRORS = { 400: 'Dados inválidos', 401: 'Não autenticado', 403: 'Sem permissão ou fora do plano', 404: 'Não encontrado', 409: 'Conflito', 429: 'Muitas tentativas' };

/** OpenAPI 3.1 from the same zod schemas that validate requests. */
export const buildOpenApi = (routes: readonly ApiRoute[]) => {
  const ops: Op[] = [...AUTH_OPS, ...routes.map((r) => ({ ...r, security: true }))];
  const paths: Record<string, Record<string, object>> = {};
  const error = { 'application/json': { schema: schema(apiErrorSchema, 'output') } };
  for (const op of ops) {
    const path = '/api' + op.path.replace(/:(\w+)/g, '{$1}');
    const content = op.response === 'text/csv' ? { 'text/csv': { schema: { type: 'string' } } } : { 'application/json': { schema: schema(op.response, 'output') } };
    (paths[path] ??= {})[op.method] = {
      summary: op.summary,
      tags: [op.tag],
      operationId: `${op.method}${op.path.replace(/[/:.](\w)/g, (_m, c: string) => c.toUpperCase()).replace(/\W/g, '')}`,
      parameters: parameters(op),
      ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: schema(op.body, 'input') } } } } : {}),
      responses: {
        200: { description: 'OK', content },
        ...Object.fromEntries(Object.entries(ERRORS).map(([code, description]) => [code, { description, content: error }])),
      },
      ...(op.security ? { security: [{ bearer: [] }, { cookie: [] }] } : { security: [] }),
    };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'MotoGestor API', version: '1.0.0', description: 'API do painel da oficina. Erros: { code, message } em pt-BR.' },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: {
        bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
        cookie: { type: 'apiKey', in: 'cookie', name: 'mg_at', description: 'Requisições que alteram dados exigem o cabeçalho x-csrf-token igual ao cookie mg_csrf.' },
      },
    },
    paths,
  };
};
