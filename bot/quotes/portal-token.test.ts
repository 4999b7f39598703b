import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { portalLink, signPortalToken, verifyPortalToken } from './portal-token';

const SECRET = 'unit-test-portal-secret-0123456789';
const NOW = new Date('2026-03-10T12:00:00Z');
const payload = { tenantId: randomUUID(), orderId: randomUUID(), exp: Math.floor(NOW.getTime() / 1000) + 3600 };

describe('portal tokens', () => {
  it('round-trips a signed payload and builds links that expire after ttlDays', () => {
    expect(verifyPortalToken(SECRET, signPortalToken(SECRET, payload), NOW)).toEqual({ ok: true, payload });
    const link = portalLink('https://oficina.example/', SECRET, { tenantId: payload.tenantId, orderId: payload.orderId, ttlDays: 2 }, NOW);
    expect(link).toMatch(/^https:\/\/oficina\.example\/p\/[\w-]+\.[\w-]+$/);
    const token = link.split('/p/')[1]!;
    expect(verifyPortalToken(SECRET, token, new Date(NOW.getTime() + 47 * 3600_000)).ok).toBe(true);
    expect(verifyPortalToken(SECRET, token, new Date(NOW.getTime() + 49 * 3600_000))).toEqual({ ok: false, code: 'EXPIRED' });
  });

  it('rejects tampering, other secrets and garbage', () => {
    const token = signPortalToken(SECRET, payload);
    const [body, sig] = token.split('.') as [string, string];
    const other = Buffer.from(JSON.stringify({ ...payload, orderId: randomUUID() })).toString('base64url');
    expect(verifyPortalToken(SECRET, `${other}.${sig}`, NOW)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    expect(verifyPortalToken(SECRET, `${body}.${sig.slice(0, -2)}`, NOW)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    expect(verifyPortalToken('another-secret-0123456789-abcdefgh', token, NOW)).toEqual({ ok: false, code: 'BAD_SIGNATURE' });
    for (const bad of ['', 'abc', 'a.b.c', `${body}.${sig}!`, 'x'.repeat(600) + '.y']) {
      expect(verifyPortalToken(SECRET, bad, NOW).ok).toBe(false);
    }
    expect(() => signPortalToken('short', payload)).toThrow(RangeError);
  });
});
