import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../platform';
import { createTestPlatform } from '../test-support/platform';

describe('health and readiness', () => {
  let p: Platform;
  beforeAll(async () => {
    p = await createTestPlatform({ queue: 'bullmq' });
  });
  afterAll(async () => p?.close());

  it('/healthz says the process is alive', async () => {
    const r = await request(p.app).get('/healthz');
    expect(r.status).toBe(200);
    expect(r.body.status).toBe('ok');
  });

  it('/readyz reports database and queue with latency', async () => {
    const r = await request(p.app).get('/readyz');
    expect(r.status).toBe(200);
    expect(r.body.checks.database).toMatchObject({ ok: true, kind: 'postgres' });
    expect(r.body.checks.queue).toMatchObject({ ok: true, kind: 'bullmq' });
    expect(typeof r.body.checks.database.latencyMs).toBe('number');
  });

  it('/readyz answers 503 when the database is gone', async () => {
    const q = await createTestPlatform({ queue: 'in-process' });
    await q.db.pool.end();
    const r = await request(q.app).get('/readyz');
    expect(r.status).toBe(503);
    expect(r.body.checks.database.ok).toBe(false);
    await q.queues.close();
    await q.db.prisma.$disconnect();
  });

  it('/metrics exposes Prometheus metrics without tenant data', async () => {
    const r = await request(p.app).get('/metrics');
    expect(r.status).toBe(200);
    expect(r.text).toContain('mg_inbound_messages_total');
    expect(r.text).not.toMatch(/tenant/i);
  });

  it('/metrics shows how many admin reads run and wait in their line', async () => {
    const r = await request(p.app).get('/metrics');
    expect(r.text).toMatch(/^mg_http_lane_active\{lane="api_reads"\} 0$/m);
    expect(r.text).toMatch(/^mg_http_lane_waiting\{lane="api_reads"\} 0$/m);
  });
});
