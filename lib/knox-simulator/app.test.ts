import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '@/lib/env';
import { handleAppKnoxSimRequest } from './app';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe('the in-app simulator routes', () => {
  it('answer 404 when real Knox is configured, without touching the database', async () => {
    process.env.KNOX_BASE_URL = 'https://openapi.stage.samsung.net';
    process.env.KNOX_SYSTEM_ID = 'REAL';
    process.env.KNOX_TOKEN = 'real-token';
    resetEnvCache();
    for (const path of ['/approval/api/v2.0/approvals/status', '/sim/faults', '/sim/act']) {
      const response = await handleAppKnoxSimRequest(
        new Request(`http://app.test/knox-sim${path}`, { method: 'POST', body: '[]' }),
      );
      expect(response.status).toBe(404);
    }
  });
});
