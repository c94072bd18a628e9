import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { GET as healthRoute } from '@/app/api/health/route';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { setDatabase } from '@/db';
import { pendingActions } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { resetEnvCache } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';

/** /api/health and /api/metrics: what each kind of caller is told. */

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  await seedDatabase(database.db, { demo: true });
});
afterAll(() => database?.destroy());
afterEach(() => {
  delete process.env.METRICS_TOKEN;
  resetEnvCache();
});

const get = (path: string, headers: Record<string, string> = {}) =>
  new Request(`http://localhost${path}`, { headers });

describe('GET /api/health', () => {
  it('tells anonymous callers and employees only the status', async () => {
    for (const headers of [
      {} as Record<string, string>,
      { authorization: 'Bearer demo-kim.employee' },
      { authorization: 'Bearer bogus' },
    ]) {
      const response = await healthRoute(get('/api/health', headers));
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-store');
      expect(await response.json()).toEqual({ status: 'ok' });
    }
  });

  it('gives an admin the database, Knox and poller details', async () => {
    const response = await healthRoute(get('/api/health', { authorization: 'Bearer demo-admin' }));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: 'ok',
      db: 'ok',
      database: expect.stringMatching(/^(pglite|postgres)$/),
      knox: { mode: 'simulator', baseUrl: expect.stringContaining('/knox-sim') },
      poller: { lastRunAt: null },
    });
  });

  it('answers 503 degraded without the database error when the database is gone', async () => {
    const broken = await createTestDatabase();
    setDatabase(broken);
    await broken.destroy();
    try {
      const response = await healthRoute(get('/api/health', { authorization: 'Bearer demo-admin' }));
      expect(response.status).toBe(503);
      expect(await response.text()).toBe(JSON.stringify({ status: 'degraded' }));
    } finally {
      setDatabase(database);
    }
  });
});

describe('GET /api/metrics', () => {
  it('without METRICS_TOKEN, serves loopback callers only', async () => {
    const local = await metricsRoute(get('/api/metrics', { [CLIENT_ADDRESS_HEADER]: '127.0.0.1' }));
    expect(local.status).toBe(200);
    expect(await local.text()).toContain('approval_pending_actions');
    for (const headers of [
      {} as Record<string, string>,
      { [CLIENT_ADDRESS_HEADER]: '192.0.2.10' },
      { 'x-forwarded-for': '127.0.0.1' },
    ]) {
      const response = await metricsRoute(get('/api/metrics', headers));
      expect(response.status).toBe(403);
      expect(await response.text()).not.toContain('approval_');
    }
  });

  it('with METRICS_TOKEN set, serves its bearer only, loopback or not', async () => {
    process.env.METRICS_TOKEN = 'scrape-token-0123456789';
    resetEnvCache();
    const local = await metricsRoute(get('/api/metrics', { [CLIENT_ADDRESS_HEADER]: '127.0.0.1' }));
    expect(local.status).toBe(401);
    expect(local.headers.get('www-authenticate')).toContain('Bearer');
    const scraper = await metricsRoute(
      get('/api/metrics', {
        authorization: 'Bearer scrape-token-0123456789',
        [CLIENT_ADDRESS_HEADER]: '192.0.2.10',
      }),
    );
    expect(scraper.status).toBe(200);
    expect(await scraper.text()).toContain('# TYPE approval_pending_actions gauge');
  });

  it('does not count the table on every scrape: the gauge is a sample kept for a while', async () => {
    const scrape = async () =>
      (
        await (await metricsRoute(get('/api/metrics', { [CLIENT_ADDRESS_HEADER]: '127.0.0.1' }))).text()
      ).match(/^approval_pending_actions\{status="failed"\} (\d+)$/m)?.[1];
    const before = await scrape();
    await database.db.insert(pendingActions).values({
      apInfId: 'APSAMPLE0000000001',
      actionType: 'vendor_regular_registration',
      actionPayload: {},
      status: 'failed',
    });
    // Scraped again at once: the sample is the one already taken, not a new COUNT.
    expect(await scrape()).toBe(before);
  });
});
