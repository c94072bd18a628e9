import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as cancelApproval } from '@/app/api/approvals/[apInfId]/cancel/route';
import { POST as refreshApproval } from '@/app/api/approvals/[apInfId]/refresh/route';
import { GET as getApproval } from '@/app/api/approvals/[apInfId]/route';
import { GET as listApprovals } from '@/app/api/approvals/route';
import { GET as listHandlers } from '@/app/api/handlers/route';
import { GET as metricsRoute } from '@/app/api/metrics/route';
import { POST as retryAction } from '@/app/api/pending-actions/[id]/retry/route';
import { GET as listPendingActions } from '@/app/api/pending-actions/route';
import { POST as pollRoute } from '@/app/api/poll/route';
import { setDatabase } from '@/db';
import { approvalLogs, pendingActions, pqSubmissions } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createKnoxApprovalClient, setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { type KnoxSimulatorServer, startKnoxSimulatorServer } from '@/lib/knox-simulator/server';
import { requestPqInvestigation } from '@/lib/vendor-investigation/approval-actions';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';

/**
 * Every REST route, called through its exported handler with real Requests, for every kind of
 * caller: admin, the requester, another employee, an approver, no token, a bad token.
 */

let database: TestDatabase;
let sim: KnoxSimulatorServer;

const TOKENS = {
  admin: 'demo-admin',
  kim: 'demo-kim.employee',
  lee: 'demo-lee.employee',
  choi: 'demo-choi.teamlead',
} as const;
type Caller = keyof typeof TOKENS | 'none' | 'bad';

const kim = { id: 'usr_kim', epId: 'E1001', email: 'kim.employee@example.com' };

function request(method: string, path: string, caller: Caller, body?: unknown): Request {
  const headers: Record<string, string> = {};
  if (caller === 'bad') headers.authorization = 'Bearer not-a-real-token';
  else if (caller !== 'none') headers.authorization = `Bearer ${TOKENS[caller]}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  return new Request(`http://localhost${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const params = <P>(value: P) => ({ params: Promise.resolve(value) });

async function call(response: Promise<Response>) {
  const res = await response;
  // biome-ignore lint/suspicious/noExplicitAny: JSON bodies of many shapes; the assertions check them
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}

async function submitAsKim(): Promise<string> {
  const [pq] = await database.db
    .select({ id: pqSubmissions.id })
    .from(pqSubmissions)
    .where(inArray(pqSubmissions.status, ['submitted', 'under_review']))
    .limit(1);
  const result = await requestPqInvestigation(
    {
      pqSubmissionId: pq!.id,
      requestedStartDate: '2099-12-01',
      requestedEndDate: '2099-12-02',
      qmAssigneeId: 'usr_lee',
      reason: '현장 확인 필요',
    },
    kim,
  );
  return result.approvalId;
}

let kimApproval: string;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { demo: true });
  setDatabase(database);
  sim = await startKnoxSimulatorServer({ db: database.db });
  setDefaultKnoxClient(
    createKnoxApprovalClient({
      baseUrl: sim.url,
      systemId: SIMULATOR_SYSTEM_ID,
      token: SIMULATOR_TOKEN,
      timeoutMs: 10_000,
    }),
  );
  kimApproval = await submitAsKim();
});

afterAll(async () => {
  setDefaultKnoxClient(null);
  await sim?.close();
  await database?.destroy();
});

describe('authentication', () => {
  it.each(['none', 'bad'] as const)(
    'answers 401 with the error envelope for %s token on every route',
    async (caller) => {
      const responses = await Promise.all([
        call(listApprovals(request('GET', '/api/approvals', caller))),
        call(
          getApproval(
            request('GET', `/api/approvals/${kimApproval}`, caller),
            params({ apInfId: kimApproval }),
          ),
        ),
        call(
          refreshApproval(
            request('POST', `/api/approvals/${kimApproval}/refresh`, caller),
            params({ apInfId: kimApproval }),
          ),
        ),
        call(
          cancelApproval(
            request('POST', `/api/approvals/${kimApproval}/cancel`, caller, { opinion: 'x' }),
            params({ apInfId: kimApproval }),
          ),
        ),
        call(listPendingActions(request('GET', '/api/pending-actions?status=failed', caller))),
        call(retryAction(request('POST', '/api/pending-actions/1/retry', caller), params({ id: '1' }))),
        call(listHandlers(request('GET', '/api/handlers', caller))),
        call(pollRoute(request('POST', '/api/poll', caller))),
      ]);
      for (const response of responses) {
        expect(response.status).toBe(401);
        expect(response.body).toEqual({ error: { code: 'UNAUTHORIZED', message: expect.any(String) } });
      }
      const [action] = await database.db
        .select()
        .from(pendingActions)
        .where(eq(pendingActions.apInfId, kimApproval));
      expect(action?.status).toBe('pending');
    },
  );
});

describe('GET /api/approvals', () => {
  it('shows the requester their own, an admin everyone, others nothing of it', async () => {
    const own = await call(listApprovals(request('GET', '/api/approvals', 'kim')));
    expect(own.status).toBe(200);
    expect(own.body.items.map((item: { apInfId: string }) => item.apInfId)).toEqual([kimApproval]);
    expect(own.body.items[0].action).toMatchObject({
      actionType: 'pq_investigation_request',
      status: 'pending',
    });

    const all = await call(listApprovals(request('GET', '/api/approvals', 'admin')));
    expect(all.body.total).toBe(1);
    const adminMine = await call(listApprovals(request('GET', '/api/approvals?mine=true', 'admin')));
    expect(adminMine.body.total).toBe(0);

    for (const caller of ['lee', 'choi'] as const) {
      const other = await call(listApprovals(request('GET', '/api/approvals', caller)));
      expect(other).toEqual({ status: 200, body: { items: [], total: 0 } });
    }
  });

  it('filters by Knox status or action status, and rejects bad query values with 400', async () => {
    const inProgress = await call(listApprovals(request('GET', '/api/approvals?status=1', 'admin')));
    expect(inProgress.body.total).toBe(1);
    const completed = await call(listApprovals(request('GET', '/api/approvals?status=2&mine=', 'admin')));
    expect(completed.body.total).toBe(0);
    const pending = await call(listApprovals(request('GET', '/api/approvals?status=pending', 'admin')));
    expect(pending.body.total).toBe(1);
    for (const query of [
      'status=9',
      'status=bogus',
      'status=%0A1',
      'status=1e0',
      'status=+1',
      'mine=yes',
      'limit=0',
      'color=red',
    ]) {
      const bad = await call(listApprovals(request('GET', `/api/approvals?${query}`, 'admin')));
      expect(bad.status, query).toBe(400);
      expect(bad.body.error.code).toBe('INVALID_INPUT');
    }
  });
});

describe('GET /api/approvals/{apInfId}', () => {
  it.each([
    ['admin', 200],
    ['kim', 200],
    ['lee', 403],
    ['choi', 403],
  ] as const)('answers %s with %i', async (caller, status) => {
    const response = await call(
      getApproval(request('GET', `/api/approvals/${kimApproval}`, caller), params({ apInfId: kimApproval })),
    );
    expect(response.status).toBe(status);
    if (status === 200) {
      expect(response.body.approval).toMatchObject({
        apInfId: kimApproval,
        status: 1,
        requesterName: '김구매',
      });
      expect(response.body.action).toMatchObject({ status: 'pending' });
      expect(response.body.events.length).toBeGreaterThan(0);
    } else {
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('answers 404 for an unknown id and 400 for a malformed one', async () => {
    const missing = await call(
      getApproval(request('GET', '/api/approvals/AP000', 'admin'), params({ apInfId: 'AP000' })),
    );
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('NOT_FOUND');
    const malformed = await call(
      getApproval(request('GET', '/api/approvals/a%20b', 'admin'), params({ apInfId: 'a b;' })),
    );
    expect(malformed.status).toBe(400);
  });
});

describe('POST /api/approvals/{apInfId}/refresh and /cancel', () => {
  it('refuses others, refreshes for the requester, executes once Knox approves', async () => {
    for (const caller of ['lee', 'choi'] as const) {
      const refused = await call(
        refreshApproval(
          request('POST', `/api/approvals/${kimApproval}/refresh`, caller),
          params({ apInfId: kimApproval }),
        ),
      );
      expect(refused.status).toBe(403);
    }
    const unchanged = await call(
      refreshApproval(
        request('POST', `/api/approvals/${kimApproval}/refresh`, 'kim'),
        params({ apInfId: kimApproval }),
      ),
    );
    expect(unchanged.status).toBe(200);
    expect(unchanged.body.check).toMatchObject({ knoxStatus: 1, actionStatus: 'pending' });

    // The rule's line of PQ 실사의뢰: 팀장, the QM 팀장 (합의), 담당임원.
    for (const epId of ['A2001', 'A2003', 'A2002']) {
      const acted = await sim.simulator.act({
        apInfId: kimApproval,
        epId,
        action: 'approve',
        opinion: '승인',
      });
      expect(acted.ok).toBe(true);
    }
    const refreshed = await call(
      refreshApproval(
        request('POST', `/api/approvals/${kimApproval}/refresh`, 'admin'),
        params({ apInfId: kimApproval }),
      ),
    );
    expect(refreshed.status).toBe(200);
    expect(refreshed.body.approval.status).toBe(2);
    expect(refreshed.body.action.status).toBe('executed');
  });

  it('withdraws for the requester with an opinion; others 403, no opinion 400, already withdrawn 409', async () => {
    const apInfId = await submitAsKim();
    const path = `/api/approvals/${apInfId}/cancel`;
    for (const caller of ['lee', 'choi'] as const) {
      const refused = await call(
        cancelApproval(request('POST', path, caller, { opinion: '취소' }), params({ apInfId })),
      );
      expect(refused.status).toBe(403);
    }
    for (const body of [{}, { opinion: '   ' }, 'not json', { opinion: 'x', extra: 1 }]) {
      const bad = await call(cancelApproval(request('POST', path, 'kim', body), params({ apInfId })));
      expect(bad.status, JSON.stringify(body)).toBe(400);
    }
    const [stillPending] = await database.db
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.apInfId, apInfId));
    expect(stillPending?.status).toBe('pending');

    const done = await call(
      cancelApproval(request('POST', path, 'kim', { opinion: '일정 변경' }), params({ apInfId })),
    );
    expect(done.status).toBe(200);
    expect(done.body.action.status).toBe('withdrawn');
    expect(done.body.approval.status).toBe(4);
    const again = await call(
      cancelApproval(request('POST', path, 'admin', { opinion: '다시' }), params({ apInfId })),
    );
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('APPROVAL_STATE_CONFLICT');
  });
});

describe('admin routes', () => {
  it.each(['kim', 'lee', 'choi'] as const)('refuses %s with 403 on every admin route', async (caller) => {
    const responses = await Promise.all([
      call(listPendingActions(request('GET', '/api/pending-actions?status=failed', caller))),
      call(retryAction(request('POST', '/api/pending-actions/1/retry', caller), params({ id: '1' }))),
      call(listHandlers(request('GET', '/api/handlers', caller))),
      call(pollRoute(request('POST', '/api/poll', caller))),
    ]);
    for (const response of responses) {
      expect(response.status).toBe(403);
      expect(response.body.error.code).toBe('FORBIDDEN');
    }
  });

  it('lists handlers with their risk level', async () => {
    const response = await call(listHandlers(request('GET', '/api/handlers', 'admin')));
    expect(response.status).toBe(200);
    const types = response.body.handlers.map((handler: { actionType: string }) => handler.actionType);
    expect(types).toEqual(
      expect.arrayContaining([
        'pq_investigation_request',
        'vendor_regular_registration',
        'vendor_suspension',
      ]),
    );
    for (const handler of response.body.handlers)
      expect(['LOW', 'MEDIUM', 'HIGH', 'CRITICAL']).toContain(handler.risk);
  });

  it('runs one poll cycle and returns its summary', async () => {
    const response = await call(pollRoute(request('POST', '/api/poll', 'admin')));
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      checked: expect.any(Number),
      updated: expect.any(Number),
      executed: expect.any(Number),
      rejected: expect.any(Number),
      failed: expect.any(Number),
    });
  });

  it('lists failed actions with their error and retries one exactly once', async () => {
    const apInfId = await submitAsKim();
    expect((await sim.simulator.act({ apInfId, epId: 'A2001', action: 'approve' })).ok).toBe(true);
    // As if the poller had seen the approval and the handler had thrown: the state an admin retries from.
    await database.db.update(approvalLogs).set({ status: 2 }).where(eq(approvalLogs.apInfId, apInfId));
    await database.db
      .update(pendingActions)
      .set({ status: 'failed', errorMessage: '외부 시스템 응답 없음' })
      .where(eq(pendingActions.apInfId, apInfId));
    const [action] = await database.db
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.apInfId, apInfId));

    const failed = await call(
      listPendingActions(request('GET', '/api/pending-actions?status=failed', 'admin')),
    );
    expect(failed.status).toBe(200);
    expect(failed.body.items).toEqual([
      expect.objectContaining({
        id: action!.id,
        errorMessage: '외부 시스템 응답 없음',
        requesterName: '김구매',
      }),
    ]);
    const badStatus = await call(
      listPendingActions(request('GET', '/api/pending-actions?status=broken', 'admin')),
    );
    expect(badStatus.status).toBe(400);

    const id = String(action!.id);
    const retried = await call(
      retryAction(request('POST', `/api/pending-actions/${id}/retry`, 'admin'), params({ id })),
    );
    expect(retried.status).toBe(200);
    expect(retried.body.outcome).toMatchObject({ status: 'executed', executedNow: true });
    expect(retried.body.action.status).toBe('executed');

    const twice = await call(
      retryAction(request('POST', `/api/pending-actions/${id}/retry`, 'admin'), params({ id })),
    );
    expect(twice.status).toBe(409);
    const missing = await call(
      retryAction(request('POST', '/api/pending-actions/999999/retry', 'admin'), params({ id: '999999' })),
    );
    expect(missing.status).toBe(404);
    const malformed = await call(
      retryAction(request('POST', '/api/pending-actions/abc/retry', 'admin'), params({ id: 'abc' })),
    );
    expect(malformed.status).toBe(400);
  });
});

describe('GET /api/metrics', () => {
  it('serves Prometheus text with the pending-actions gauge sampled from the table', async () => {
    // As our server marks a request from this machine (METRICS_TOKEN unset: loopback only).
    const response = await metricsRoute(
      new Request('http://localhost/api/metrics', { headers: { [CLIENT_ADDRESS_HEADER]: '127.0.0.1' } }),
    );
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/plain');
    const text = await response.text();
    const [rows] = [await database.db.select().from(pendingActions)];
    const executed = rows.filter((row) => row.status === 'executed').length;
    expect(executed).toBeGreaterThan(0);
    expect(text).toContain(`approval_pending_actions{status="executed"} ${executed}`);
    expect(text).toContain('approval_submissions_total');
    expect(text).toContain('knox_request_duration_seconds');
  });
});
