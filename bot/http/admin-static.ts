import { existsSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomUUID } from 'node:crypto';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import express, { Router, type Request, type Response } from 'express';
import { z } from 'zod';

/**
 * Serves the admin web (admin/, React + Vite) under /admin with an SPA fallback: any
 * /admin/... path that is not a file gets index.html, so deep links and reloads work.
 * With `buildIfMissing` the app is built once (vite build) when dist/ has no index.html;
 * requests wait for that build instead of seeing a half-written directory.
 */
export const adminStaticOptionsSchema = z.object({
  /** The build output (admin/dist). */
  distDir: z.string().min(1),
  /** Run `vite build` at start when distDir has no index.html. */
  buildIfMissing: z.boolean().default(false),
  /** Vite config used for that build; defaults to vite.config.ts next to distDir. */
  configFile: z.string().optional(),
});
export type AdminStaticOptions = z.input<typeof adminStaticOptionsSchema>;

const MSG = {
  notBuilt: 'A web de administração ainda não foi gerada. Rode `npx vite build --config admin/vite.config.ts`.',
  buildFailed: 'Não foi possível gerar a web de administração. Veja os logs do servidor.',
  notFound: 'Arquivo não encontrado.',
};

const SECURITY_HEADERS: Record<string, string> = {
  'Content-Security-Policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'same-origin',
};

/**
 * Runs the Vite CLI in a child process: Vite is a build tool (devDependency), so the server
 * never imports it; it only needs it installed when it is asked to build.
 */
const runViteBuild = async (configFile: string, outDir: string): Promise<void> => {
  const viteBin = join(dirname(createRequire(configFile).resolve('vite/package.json')), 'bin', 'vite.js');
  await new Promise<void>((resolveRun, reject) => {
    execFile(
      process.execPath,
      [viteBin, 'build', '--config', configFile, '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'],
      { timeout: 180_000, maxBuffer: 10 * 1024 * 1024 },
      (err, _stdout, stderr) => (err ? reject(new Error(`vite build failed: ${stderr.slice(0, 2000)}`)) : resolveRun()),
    );
  });
};

/** One build per output directory per process; concurrent processes build into temp dirs and rename. */
const builds = new Map<string, Promise<void>>();

export const buildAdmin = (distDir: string, configFile: string): Promise<void> => {
  const key = resolve(distDir);
  let p = builds.get(key);
  if (!p) {
    p = (async () => {
      const tmp = `${key}.tmp-${randomUUID().slice(0, 8)}`;
      await runViteBuild(configFile, tmp);
      if (existsSync(join(key, 'index.html'))) {
        await rm(tmp, { recursive: true, force: true }); // another process won the race
        return;
      }
      await mkdir(dirname(key), { recursive: true });
      await rm(key, { recursive: true, force: true });
      await rename(tmp, key);
    })();
    p.catch(() => builds.delete(key));
    builds.set(key, p);
  }
  return p;
};

const wantsHtml = (req: Request) => (req.method === 'GET' || req.method === 'HEAD') && !/\.[a-z0-9]+$/i.test(req.path);

export const adminStatic = (options: AdminStaticOptions): Router => {
  const o = adminStaticOptionsSchema.parse(options);
  const distDir = resolve(o.distDir);
  const indexFile = join(distDir, 'index.html');
  const configFile = o.configFile ?? join(dirname(distDir), 'vite.config.ts');
  // Built on the first request that needs it, not at start: a process that never serves
  // /admin (a worker, a test) never pays for a Vite build.
  let ready: Promise<boolean> | null = null;
  const ensureBuilt = (): Promise<boolean> => {
    ready ??=
      existsSync(indexFile) || !o.buildIfMissing
        ? Promise.resolve(existsSync(indexFile))
        : buildAdmin(distDir, configFile).then(
            () => true,
            () => false,
          );
    return ready;
  };

  const router = Router();
  router.use((req, res, next) => {
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) res.setHeader(k, v);
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      res.status(405).json({ code: 'METHOD_NOT_ALLOWED', message: 'Método não permitido.' });
      return;
    }
    // "/admin" → "/admin/" so relative URLs and the router's base agree.
    if (req.originalUrl.split('?')[0] === req.baseUrl && req.baseUrl !== '') {
      res.redirect(301, `${req.baseUrl}/`);
      return;
    }
    ensureBuilt().then((ok) => {
      if (ok || existsSync(indexFile)) next();
      else res.status(503).json({ code: 'ADMIN_NOT_BUILT', message: o.buildIfMissing ? MSG.buildFailed : MSG.notBuilt });
    }, next);
  });
  router.use(
    '/assets',
    express.static(join(distDir, 'assets'), { index: false, fallthrough: true, immutable: true, maxAge: '365d' }),
    (_req: Request, res: Response) => {
      res.status(404).json({ code: 'NOT_FOUND', message: MSG.notFound });
    },
  );
  router.use(express.static(distDir, { index: false, fallthrough: true, maxAge: 0 }));
  router.use((req, res) => {
    if (!wantsHtml(req)) {
      res.status(404).json({ code: 'NOT_FOUND', message: MSG.notFound });
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexFile);
  });
  return router;
};
