import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { TEST_REDIS_URL } from '../test-support/env';
import { apiApp, seedApiShop, startApiPlatform } from '../api/test-harness';
import { loginAs } from '../test-support/login';
import { createLoginLimiter } from './rate-limit';



let p: Platform;
beforeAll(async () => {
  p = await startApiPlatform();
});
afterAll(async () => p?.close());

const cookieHeader = (r: request.Response): string[] => ([] as string[]).concat(r.headers['set-cookie'] ?? []);

describe('login', () => {
  it('signs in with e-mail and password: tokens, safe cookies and plan features', async () => {
    const shop = await seedApiShop(p);
    const app = apiApp(p);
    const r = await request(app).post('/api/auth/login').send({ email: shop.ownerEmail.toUpperCase(), password: shop.ownerPassword });
    expect(r.status).toBe(200);
    expect(r.body.me).toMatchObject({ user: { role: 'owner', email: shop.ownerEmail }, tenant: { id: shop.tenantId, plan: 'pro' } });
    expect(r.body.me.features).toMatchObject({ aiQuotes: true, voice: false });
    const cookies = cookieHeader(r);
    expect(cookies.find((c) => c.startsWith('mg_at='))).toMatch(/Path=\/api;.*HttpOnly;.*SameSite=Lax/);
    expect(cookies.find((c) => c.startsWith('mg_rt='))).toMatch(/Path=\/api\/auth;.*HttpOnly;.*SameSite=Strict/);
    expect(cookies.find((c) => c.startsWith('mg_csrf='))).not.toMatch(/HttpOnly/);
    const me = await request(app).get('/api/auth/me').set('authorization', `Bearer ${r.body.accessToken}`);
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(shop.ownerEmail);
  });

  it('records the login: audit row with the client address, last login time, a new refresh family', async () => {
    const shop = await seedApiShop(p);
    const before = Date.now();
    const r = await request(apiApp(p)).post('/api/auth/login').set('x-forwarded-for', '198.51.100.7').set('user-agent', 'teste/1.0')
      .send({ email: shop.ownerEmail, password: shop.ownerPassword });
    expect(r.status).toBe(200);
    const userId = r.body.me.user.id as string;
    const rows = await p.tdb.withTenant(shop.tenantId, async (tx) => ({
      user: await tx.user.findUniqueOrThrow({ where: { id: userId } }),
      audit: await tx.auditLog.findMany({ where: { action: 'auth.login' } }),
      tokens: await tx.refreshToken.findMany({ where: { userId } }),
    }));
    expect(rows.audit).toEqual([expect.objectContaining({ actorType: 'user', actorId: userId, entity: 'user', entityId: userId, after: { ip: '198.51.100.7' } })]);
    expect(rows.user.lastLoginAt!.getTime()).toBeGreaterThanOrEqual(before - 1);
    expect(rows.tokens).toEqual([expect.objectContaining({ tenantId: shop.tenantId, parentId: null, usedAt: null, revokedAt: null, ip: '198.51.100.7', userAgent: 'teste/1.0' })]);
    expect(rows.tokens[0]!.expiresAt.getTime() - rows.user.lastLoginAt!.getTime()).toBe(30 * 86_400_000);
    // The issued refresh token is the one stored (by hash), and it rotates.
    expect((await request(apiApp(p)).post('/api/auth/refresh').send({ refreshToken: r.body.refreshToken })).status).toBe(200);
    // A failed attempt writes nothing.
    await request(apiApp(p)).post('/api/auth/login').send({ email: shop.ownerEmail, password: 'errada-123' }).expect(401);
    expect(await p.tdb.withTenant(shop.tenantId, (tx) => tx.auditLog.count({ where: { action: 'auth.login' } }))).toBe(1);
  });

  it('sets Secure cookies unless told otherwise', async () => {
    const shop = await seedApiShop(p);
    const r = await request(apiApp(p, { auth: { cookieSecure: true } })).post('/api/auth/login').send({ email: shop.ownerEmail, password: shop.ownerPassword });
    expect(cookieHeader(r).filter((c) => /; Secure/.test(c))).toHaveLength(3);
  });

  it('refuses a wrong password and an unknown e-mail alike, in pt-BR', async () => {
    const shop = await seedApiShop(p);
    const app = apiApp(p);
    const wrong = await request(app).post('/api/auth/login').send({ email: shop.ownerEmail, password: 'errada-123' });
    const unknown = await request(app).post('/api/auth/login').send({ email: `ninguem-${randomUUID()}@x.com`, password: 'errada-123' });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toEqual({ code: 'INVALID_CREDENTIALS', message: 'E-mail ou senha incorretos.' });
    expect(unknown.body).toEqual(wrong.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('rejects malformed bodies with 400 and the fields at fault', async () => {
    const r = await request(apiApp(p)).post('/api/auth/login').send({ email: 'não-é-email', password: '' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe('VALIDATION_FAILED');
    expect(r.body.issues.map((i: { path: string }) => i.path).sort()).toEqual(['email', 'password']);
    const bad = await request(apiApp(p)).post('/api/auth/login').set('content-type', 'application/json').send('{"email":');
    expect(bad.status).toBe(400);
  });

  it('locks an account after 5 failures in the window, even for the right password (429, pt-BR)', async () => {
    const shop = await seedApiShop(p);
    const app = apiApp(p);
    for (let i = 0; i < 5; i++) {
      expect((await request(app).post('/api/auth/login').send({ email: shop.ownerEmail, password: `errada-${i}` })).status).toBe(401);
    }
    const r = await request(app).post('/api/auth/login').send({ email: shop.ownerEmail, password: shop.ownerPassword });
    expect(r.status).toBe(429);
    expect(r.body).toEqual({ code: 'TOO_MANY_ATTEMPTS', message: 'Muitas tentativas. Tente novamente em 15 minutos.' });
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(800);
    // Another account from the same address is unaffected.
    expect((await request(app).post('/api/auth/login').send({ email: shop.staffEmail, password: shop.staffPassword })).status).toBe(200);
  });

  it('limits failures per IP across accounts, shared through Redis', async () => {
    const shop = await seedApiShop(p);
    const prefix = `mgt-login-${randomUUID().slice(0, 8)}`;
    const limiter = () => createLoginLimiter({ windowMs: 15 * 60_000, maxPerAccount: 5, maxPerIp: 3, redisUrl: TEST_REDIS_URL, prefix });
    const [l1, l2] = [limiter(), limiter()];
    try {
      const web1 = apiApp(p, { limiter: l1 });
      const web2 = apiApp(p, { limiter: l2 });
      for (let i = 0; i < 3; i++) {
        await request(i % 2 ? web1 : web2).post('/api/auth/login').set('x-forwarded-for', '203.0.113.9').send({ email: `x${i}@exemplo.com`, password: 'nada-nada' });
      }
      const r = await request(web2).post('/api/auth/login').set('x-forwarded-for', '203.0.113.9').send({ email: shop.ownerEmail, password: shop.ownerPassword });
      expect(r.status).toBe(429);
      expect(r.body.message).toMatch(/^Muitas tentativas\. Tente novamente em \d+ minutos\.$/);
      const other = await request(web1).post('/api/auth/login').set('x-forwarded-for', '203.0.113.10').send({ email: shop.ownerEmail, password: shop.ownerPassword });
      expect(other.status).toBe(200);
    } finally {
      await Promise.all([l1.close(), l2.close()]);
    }
  });
});

describe('sessions', () => {
  it('rotates the refresh token on every use; reusing an old one ends the whole family', async () => {
    const shop = await seedApiShop(p);
    const app = apiApp(p);
    const first = await loginAs(app, shop.ownerEmail, shop.ownerPassword);
    const second = await request(app).post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(first.refreshToken);
    const third = await request(app).post('/api/auth/refresh').send({ refreshToken: second.body.refreshToken });
    expect(third.status).toBe(200);

    const replay = await request(app).post('/api/auth/refresh').send({ refreshToken: first.refreshToken });
    expect(replay.status).toBe(401);
    expect(replay.body.code).toBe('REFRESH_REUSED');
    // The legitimate newest token died with its family.
    const after = await request(app).post('/api/auth/refresh').send({ refreshToken: third.body.refreshToken });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('REFRESH_INVALID');
    const audit = await p.tdb.withTenant(shop.tenantId, (tx) => tx.auditLog.count({ where: { action: 'auth.refresh_reused' } }));
    expect(audit).toBe(1);
  });

  it('refreshes from the cookie only with the CSRF header', async () => {
    const shop = await seedApiShop(p);
    const agent = request.agent(apiApp(p));
    const login = await agent.post('/api/auth/login').send({ email: shop.ownerEmail, password: shop.ownerPassword });
    expect((await agent.post('/api/auth/refresh').send({})).status).toBe(403);
    const ok = await agent.post('/api/auth/refresh').set('x-csrf-token', login.body.csrfToken).send({});
    expect(ok.status).toBe(200);
  });

  it('logout revokes the access token at once and its refresh family', async () => {
    const shop = await seedApiShop(p);
    const app = apiApp(p);
    const s = await loginAs(app, shop.ownerEmail, shop.ownerPassword);
    const auth = { authorization: `Bearer ${s.accessToken}` };
    expect((await request(app).get('/api/auth/me').set(auth)).status).toBe(200);
    expect((await request(app).post('/api/auth/logout').set(auth)).status).toBe(200);
    const me = await request(app).get('/api/auth/me').set(auth);
    expect(me.status).toBe(401);
    expect(me.body.code).toBe('TOKEN_REVOKED');
    expect((await request(app).post('/api/auth/refresh').send({ refreshToken: s.refreshToken })).status).toBe(401);
  });

  it('a blocked user and a blocked shop are shut out on the next request', async () => {
    const shop = await seedApiShop(p);
    const app = apiApp(p);
    const owner = await loginAs(app, shop.ownerEmail, shop.ownerPassword);
    const staff = await loginAs(app, shop.staffEmail, shop.staffPassword);
    const staffAuth = { authorization: `Bearer ${staff.accessToken}` };
    expect((await request(app).get('/api/orders').set(staffAuth)).status).toBe(200);
    const staffId = (await request(app).get('/api/auth/me').set(staffAuth)).body.user.id as string;
    const block = await request(app).patch(`/api/staff/${staffId}`).set('authorization', `Bearer ${owner.accessToken}`).send({ blocked: true });
    expect(block.status).toBe(200);
    const denied = await request(app).get('/api/orders').set(staffAuth);
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ code: 'USER_BLOCKED', message: expect.stringMatching(/bloqueado/) });
    expect((await request(app).post('/api/auth/refresh').send({ refreshToken: staff.refreshToken })).status).toBe(401);
    expect((await request(app).post('/api/auth/login').send({ email: shop.staffEmail, password: shop.staffPassword })).status).toBe(403);

    await p.tdb.withTenant(shop.tenantId, (tx) => tx.tenant.update({ where: { id: shop.tenantId }, data: { status: 'blocked' } }));
    const suspended = await request(app).get('/api/dashboard').set('authorization', `Bearer ${owner.accessToken}`);
    expect(suspended.status).toBe(401);
    expect(suspended.body.code).toBe('TENANT_BLOCKED');
  });

  it('rejects forged, expired and missing tokens with 401', async () => {
    const shop = await seedApiShop(p);
    const app = apiApp(p);
    const s = await loginAs(app, shop.ownerEmail, shop.ownerPassword);
    expect((await request(app).get('/api/dashboard')).body.code).toBe('UNAUTHENTICATED');
    const forged = await request(apiApp(p, { auth: { jwtSecret: 'another-secret-another-secret-another-1' } })).get('/api/dashboard').set('authorization', `Bearer ${s.accessToken}`);
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('TOKEN_INVALID');
    const later = apiApp(p, { now: () => new Date(Date.now() + 16 * 60_000) });
    const expired = await request(later).get('/api/dashboard').set('authorization', `Bearer ${s.accessToken}`);
    expect(expired.body.code).toBe('TOKEN_EXPIRED');
  });
});

describe('CSRF', () => {
  it('cookie sessions need the double-submit header on changes; bearer clients do not', async () => {
    const shop = await seedApiShop(p);
    const app = apiApp(p);
    const agent = request.agent(app);
    const login = await agent.post('/api/auth/login').send({ email: shop.ownerEmail, password: shop.ownerPassword });
    expect((await agent.get('/api/settings')).status).toBe(200); // reads are safe
    const noHeader = await agent.patch('/api/settings').send({ labourRateCents: 10_000 });
    expect(noHeader.status).toBe(403);
    expect(noHeader.body.code).toBe('CSRF_FAILED');
    expect((await agent.patch('/api/settings').set('x-csrf-token', 'x'.repeat(43)).send({ labourRateCents: 10_000 })).status).toBe(403);
    const ok = await agent.patch('/api/settings').set('x-csrf-token', login.body.csrfToken).send({ labourRateCents: 10_000 });
    expect(ok.status).toBe(200);
    const bearer = await request(app).patch('/api/settings').set('authorization', `Bearer ${login.body.accessToken}`).send({ labourRateCents: 11_000 });
    expect(bearer.status).toBe(200);
    expect(bearer.body.labourRateCents).toBe(11_000);
  });
});
