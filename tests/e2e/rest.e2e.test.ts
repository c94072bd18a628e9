import { describe, expect, it } from 'vitest';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { e2eBaseUrl } from './app-server';

/** The REST API and metrics of the built app over real HTTP (the role matrix runs in lib/api/rest.int.test.ts). */

const baseUrl = e2eBaseUrl();

const get = (path: string, token?: string) =>
  fetch(`${baseUrl}${path}`, { headers: token ? { authorization: `Bearer ${token}` } : {} });

describe('REST API of the built app', () => {
  it('answers with the error envelope for a missing token, a bad token and a forbidden call', async () => {
    for (const [token, status, code] of [
      [undefined, 401, 'UNAUTHORIZED'],
      ['demo-nobody', 401, 'UNAUTHORIZED'],
      ['demo-kim.employee', 403, 'FORBIDDEN'],
    ] as const) {
      const response = await get('/api/pending-actions?status=failed', token);
      expect(response.status).toBe(status);
      expect(response.headers.get('content-type')).toContain('application/json');
      expect(await response.json()).toEqual({ error: { code, message: expect.any(String) } });
    }
  });

  it('lists approvals, pending actions and handlers for an admin', async () => {
    const approvals = await get('/api/approvals?limit=5', 'demo-admin');
    expect(approvals.status).toBe(200);
    expect(await approvals.json()).toEqual({ items: expect.any(Array), total: expect.any(Number) });
    const failed = await get('/api/pending-actions?status=failed', 'demo-admin');
    expect(failed.status).toBe(200);
    const handlers = (await (await get('/api/handlers', 'demo-admin')).json()) as {
      handlers: Array<{ actionType: string; risk: string }>;
    };
    expect(handlers.handlers).toEqual(
      expect.arrayContaining([
        { actionType: 'vendor_suspension', risk: 'CRITICAL', title: expect.any(String) },
      ]),
    );
    const bad = await get('/api/approvals/has%20space', 'demo-admin');
    expect(bad.status).toBe(400);
  });

  it('runs a poll cycle on demand', async () => {
    const response = await fetch(`${baseUrl}/api/poll`, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-admin' },
    });
    expect(response.status).toBe(200);
    expect(Object.keys(await response.json()).sort()).toEqual([
      'checked',
      'executed',
      'failed',
      'rejected',
      'updated',
    ]);
  });

  it('serves every approval metric in Prometheus text format to a loopback caller without a token', async () => {
    // The test runs on the server's machine. Until our HTTP server sets the client-address header
    // from the socket, the test says so itself; once it does, the server replaces this value with
    // the socket's (127.0.0.1 here), so the request stays a loopback one either way.
    const response = await fetch(`${baseUrl}/api/metrics`, {
      headers: { [CLIENT_ADDRESS_HEADER]: '127.0.0.1' },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    for (const name of [
      'approval_submissions_total',
      'approval_decisions_total',
      'approval_executions_total',
      'approval_pending_actions',
      'approval_decision_seconds',
      'knox_request_duration_seconds',
      'approval_poll_cycles_total',
      'approval_poll_duration_seconds',
    ]) {
      expect(text).toContain(`# TYPE ${name} `);
    }
    expect(text).toMatch(/^approval_pending_actions\{status="pending"\} \d+$/m);
    expect(text).toMatch(/^approval_poll_cycles_total\{result="[a-z]+"\} \d+$/m);
  });
});
