import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import express from 'express';
import request from 'supertest';
import { afterAll, describe, expect, it } from 'vitest';
import { adminStatic } from '../http/admin-static';

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const fakeDist = () => {
  const root = mkdtempSync(join(tmpdir(), 'mg-admin-'));
  dirs.push(root);
  const dist = join(root, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>MotoGestor</title><div id="root"></div>');
  writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  writeFileSync(join(dist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  writeFileSync(join(root, 'secret.txt'), 'não devia sair');
  return dist;
};

const appWith = (distDir: string, buildIfMissing = false) => {
  const app = express();
  app.use('/admin', adminStatic({ distDir, buildIfMissing }));
  app.use((_req, res) => res.status(404).json({ code: 'NOT_FOUND' }));
  return app;
};

describe('adminStatic', () => {
  it('serves the app, and index.html for every deep link (SPA fallback), uncached', async () => {
    const app = appWith(fakeDist());
    for (const path of ['/admin/', '/admin/ordens', '/admin/ordens/3f1c2a9e-0000-4000-8000-000000000000', '/admin/configuracoes?x=1']) {
      const res = await request(app).get(path).expect(200);
      expect(res.text).toContain('<div id="root">');
      expect(res.headers['content-type']).toMatch(/text\/html/);
      expect(res.headers['cache-control']).toMatch(/no-cache|max-age=0/);
      expect(res.headers['content-security-policy']).toContain("default-src 'self'");
      expect(res.headers['x-frame-options']).toBe('DENY');
    }
  });

  it('redirects /admin to /admin/', async () => {
    const res = await request(appWith(fakeDist())).get('/admin').expect(301);
    expect(res.headers.location).toBe('/admin/');
  });

  it('serves hashed assets with a long cache, and a missing asset is a JSON 404, not the app', async () => {
    const app = appWith(fakeDist());
    const js = await request(app).get('/admin/assets/index-abc123.js').expect(200);
    expect(js.headers['cache-control']).toContain('immutable');
    const missing = await request(app).get('/admin/assets/nope.js').expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
    await request(app).get('/admin/favicon.svg').expect(200);
    await request(app).get('/admin/missing.png').expect(404);
  });

  it('never leaves the dist directory and refuses writes', async () => {
    const app = appWith(fakeDist());
    for (const p of ['/admin/../secret.txt', '/admin/%2e%2e/secret.txt', '/admin/..%2fsecret.txt', '/admin/assets/..%2f..%2fsecret.txt']) {
      const res = await request(app).get(p);
      expect(res.text ?? '').not.toContain('não devia sair');
      expect(res.status).toBeGreaterThanOrEqual(400);
    }
    const post = await request(app).post('/admin/').send({ a: 1 }).expect(405);
    expect(post.body.code).toBe('METHOD_NOT_ALLOWED');
  });

  it('answers 503 with a clear message when the app was not built and building is off', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-admin-empty-'));
    dirs.push(root);
    const res = await request(appWith(join(root, 'dist'))).get('/admin/').expect(503);
    expect(res.body.code).toBe('ADMIN_NOT_BUILT');
    expect(res.body.message).toContain('vite build');
  });

  it('builds the real app once when dist is missing and buildIfMissing is on', async () => {
    const root = mkdtempSync(join(tmpdir(), 'mg-admin-build-'));
    dirs.push(root);
    const dist = join(root, 'dist');
    const app = express();
    app.use('/admin', adminStatic({ distDir: dist, buildIfMissing: true, configFile: join(process.cwd(), 'admin/vite.config.ts') }));
    const [a, b] = await Promise.all([request(app).get('/admin/'), request(app).get('/admin/ordens')]);
    expect(a.status).toBe(200);
    expect(b.status).toBe(200);
    expect(a.text).toMatch(/<script type="module"[^>]+src="\/admin\/assets\/index-[\w-]+\.js"/);
    expect(existsSync(join(dist, 'index.html'))).toBe(true);
    const asset = /src="\/admin(\/assets\/[^"]+\.js)"/.exec(a.text)?.[1];
    await request(app).get(`/admin${asset}`).expect(200).expect('content-type', /javascript/);
  }, 60_000);
});
