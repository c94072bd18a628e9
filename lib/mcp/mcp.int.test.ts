import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { agentToolPermissions, approvalLogs, pendingActions, vendors } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { createKnoxApprovalClient, setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { type KnoxSimulatorServer, startKnoxSimulatorServer } from '@/lib/knox-simulator/server';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { waitFor } from '@/tests/setup/wait-for';
import { handleMcpRequest } from './http';
import { agentWaitingCalls } from './metrics';

/**
 * The MCP endpoint through the real SDK client, its HTTP requests handed straight to the route's
 * handler (no server process): tools, permissions, approval waits, progress, rejection, timeout.
 */

let database: TestDatabase;
let sim: KnoxSimulatorServer;

/** JSON-RPC notifications the endpoint has finished handling, by method, in order. */
const handledNotifications: string[] = [];

async function notificationMethods(request: Request): Promise<string[]> {
  try {
    const body = (await request.json()) as unknown;
    return (Array.isArray(body) ? body : [body])
      .map((message) => (message as { method?: unknown })?.method)
      .filter(
        (method): method is string => typeof method === 'string' && method.startsWith('notifications/'),
      );
  } catch {
    return [];
  }
}

const inProcessFetch = (async (input: string | URL | Request, init?: RequestInit) => {
  const request = new Request(input, init);
  const notifications = await notificationMethods(request.clone());
  const response = await handleMcpRequest(request);
  handledNotifications.push(...notifications);
  return response;
}) as typeof fetch;

const handledCancels = () =>
  handledNotifications.filter((method) => method === 'notifications/cancelled').length;

async function connect(token: string | null): Promise<Client> {
  const client = new Client({ name: 'mcp-int-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL('http://localhost/api/mcp'), {
    fetch: inProcessFetch,
    requestInit: token ? { headers: { authorization: `Bearer ${token}` } } : {},
  });
  await client.connect(transport);
  return client;
}

const text = (result: CallToolResult) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

async function vendorIn(status: 'pq_approved' | 'regular') {
  const [vendor] = await database.db.select().from(vendors).where(eq(vendors.status, status)).limit(1);
  if (!vendor) throw new Error(`no seeded vendor in ${status}`);
  return vendor;
}

const actionIds = async () =>
  new Set((await database.db.select({ id: pendingActions.id }).from(pendingActions)).map((row) => row.id));

/** The Knox id of the document a running call submitted (a pending action that was not there before). */
async function waitForNewPending(before: Set<number>): Promise<string> {
  for (let attempt = 0; attempt < 400; attempt++) {
    const rows = await database.db
      .select({
        id: pendingActions.id,
        apInfId: pendingActions.apInfId,
        submittedAt: approvalLogs.submittedAt,
      })
      .from(pendingActions)
      .innerJoin(approvalLogs, eq(approvalLogs.apInfId, pendingActions.apInfId))
      .where(eq(pendingActions.status, 'pending'));
    // The action row is written before the Knox submit; act only once Knox has the document.
    const fresh = rows.find((row) => !before.has(row.id) && row.submittedAt !== null);
    if (fresh) return fresh.apInfId;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('no document was submitted');
}

const waitingCalls = async () =>
  (await agentWaitingCalls().get()).values.reduce((sum, value) => sum + value.value, 0);

/** Re-reads a value until it satisfies the check (or 100 tries), and returns the last reading. */
async function eventually<T>(read: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  let value = await read();
  for (let attempt = 0; !ok(value) && attempt < 100; attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50));
    value = await read();
  }
  return value;
}

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { demo: true });
  // Fixture: more PQ-approved vendors than the demo data has, one per registration this file makes.
  await database.db.insert(vendors).values(
    Array.from({ length: 4 }, (_, index) => ({
      name: `MCP시험 ${index + 1}`,
      businessNumber: `901-00-0000${index + 1}`,
      representative: '홍길동',
      industry: '기계',
      address: '서울특별시 중구',
      contactName: '담당자',
      contactEmail: `mcp${index + 1}@example.com`,
      status: 'pq_approved' as const,
    })),
  );
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
});

afterAll(async () => {
  setDefaultKnoxClient(null);
  await sim?.close();
  await database?.destroy();
});

describe('MCP endpoint', () => {
  it('refuses a request without a valid token with 401', async () => {
    await expect(connect(null)).rejects.toThrow();
    await expect(connect('demo-nobody')).rejects.toThrow();
    const response = await handleMcpRequest(new Request('http://localhost/api/mcp', { method: 'GET' }));
    expect(response.status).toBe(405);
  });

  it('lists every tool with its risk level and a JSON schema from zod', async () => {
    const client = await connect('demo-kim.employee');
    const { tools } = await client.listTools();
    const byName = Object.fromEntries(tools.map((tool) => [tool.name, tool]));
    expect(Object.keys(byName).sort()).toEqual([
      'get_approval_status',
      'get_vendor',
      'list_vendors',
      'register_regular_vendor',
      'request_pq_investigation',
      'suspend_vendor',
    ]);
    expect(byName.list_vendors?._meta).toEqual({ riskLevel: 'LOW' });
    expect(byName.register_regular_vendor?._meta).toEqual({ riskLevel: 'HIGH' });
    expect(byName.suspend_vendor?._meta).toEqual({ riskLevel: 'CRITICAL' });
    const schema = byName.register_regular_vendor?.inputSchema as {
      properties: Record<string, unknown>;
      required?: string[];
    };
    expect(Object.keys(schema.properties)).toEqual(
      expect.arrayContaining(['vendorId', 'reason', 'approvers', 'timeoutSeconds']),
    );
    expect(schema.required).toEqual(expect.arrayContaining(['vendorId', 'reason']));
    // Agents need not know EP IDs: without approvers the rule's line applies.
    expect(schema.required).not.toContain('approvers');
    await client.close();
  });

  it('runs LOW tools at once', async () => {
    const client = await connect('demo-kim.employee');
    const listed = (await client.callTool({
      name: 'list_vendors',
      arguments: { pageSize: 5 },
    })) as CallToolResult;
    expect(listed.isError).toBeFalsy();
    const body = JSON.parse(text(listed)) as { total: number; vendors: Array<{ id: number }> };
    expect(body.total).toBeGreaterThan(0);
    expect(body.vendors.length).toBeLessThanOrEqual(5);
    const vendor = (await client.callTool({
      name: 'get_vendor',
      arguments: { vendorId: body.vendors[0]!.id },
    })) as CallToolResult;
    expect(JSON.parse(text(vendor)).vendor.id).toBe(body.vendors[0]!.id);
    const missing = (await client.callTool({
      name: 'get_vendor',
      arguments: { vendorId: 999_999 },
    })) as CallToolResult;
    expect(missing.isError).toBe(true);
    expect(text(missing)).toMatch(/^NOT_FOUND/);
    await client.close();
  });

  it('refuses a role without permission and submits nothing', async () => {
    const vendor = await vendorIn('regular');
    const client = await connect('demo-kim.employee');
    const before = await database.db.select().from(pendingActions);
    const result = (await client.callTool({
      name: 'suspend_vendor',
      arguments: { vendorId: vendor.id, reason: '품질 문제' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^FORBIDDEN/);
    expect(await database.db.select().from(pendingActions)).toHaveLength(before.length);
    await client.close();
  });

  it('follows the permission table in the database', async () => {
    await database.db
      .update(agentToolPermissions)
      .set({ allowed: false })
      .where(eq(agentToolPermissions.toolName, 'list_vendors'));
    const client = await connect('demo-lee.employee');
    const result = (await client.callTool({ name: 'list_vendors', arguments: {} })) as CallToolResult;
    expect(text(result)).toMatch(/^FORBIDDEN/);
    await database.db
      .update(agentToolPermissions)
      .set({ allowed: true })
      .where(eq(agentToolPermissions.toolName, 'list_vendors'));
    await client.close();
  });

  it('holds a HIGH call until the approver approves, with progress, and returns the result', async () => {
    const vendor = await vendorIn('pq_approved');
    const client = await connect('demo-kim.employee');
    const before = await actionIds();
    const progress: string[] = [];
    const call = client.callTool(
      {
        name: 'register_regular_vendor',
        arguments: { vendorId: vendor.id, reason: '정규 거래 시작' },
      },
      undefined,
      {
        onprogress: (update) => progress.push(update.message ?? ''),
        resetTimeoutOnProgress: true,
        timeout: 60_000,
      },
    );
    const apInfId = await waitForNewPending(before);
    // Called without approvers: the rule's line, 김구매's 팀장 then 담당임원, each in turn.
    const waiting = async (epId: string) => {
      const inbox = await sim.simulator.inbox(epId);
      return inbox.ok && inbox.data.some((doc) => doc.apInfId === apInfId);
    };
    expect(await waiting('A2001')).toBe(true);
    expect(await waiting('A2002')).toBe(false);
    expect((await sim.simulator.act({ apInfId, epId: 'A2001', action: 'approve', opinion: '승인' })).ok).toBe(
      true,
    );
    expect(await waiting('A2002')).toBe(true);
    expect((await sim.simulator.act({ apInfId, epId: 'A2002', action: 'approve' })).ok).toBe(true);
    const result = (await call) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const body = JSON.parse(text(result));
    expect(body).toMatchObject({ apInfId, outcome: 'executed' });
    expect(progress.length).toBeGreaterThan(0);
    expect(progress[0]).toContain(apInfId);
    const [after] = await database.db.select().from(vendors).where(eq(vendors.id, vendor.id));
    expect(after?.status).toBe('regular');
    const status = (await client.callTool({
      name: 'get_approval_status',
      arguments: { apInfId },
    })) as CallToolResult;
    expect(JSON.parse(text(status))).toMatchObject({ knoxStatus: 2, action: { status: 'executed' } });
    await client.close();
  });

  it('lets an admin run the CRITICAL suspend_vendor once approved', async () => {
    const vendor = await vendorIn('regular');
    const client = await connect('demo-admin');
    const before = await actionIds();
    const call = client.callTool(
      {
        name: 'suspend_vendor',
        arguments: { vendorId: vendor.id, reason: '납품 불량 반복' },
      },
      undefined,
      { resetTimeoutOnProgress: true, timeout: 60_000 },
    );
    const apInfId = await waitForNewPending(before);
    const [suspending] = await database.db.select().from(vendors).where(eq(vendors.id, vendor.id));
    expect(suspending?.status).toBe('suspension_pending');
    // 거래정지 names the purchasing positions: 구매팀 팀장, then 구매본부 담당임원.
    expect((await sim.simulator.act({ apInfId, epId: 'A2001', action: 'approve' })).ok).toBe(true);
    expect((await sim.simulator.act({ apInfId, epId: 'A2002', action: 'approve' })).ok).toBe(true);
    const result = (await call) as CallToolResult;
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(text(result))).toMatchObject({ apInfId, outcome: 'executed' });
    const [after] = await database.db.select().from(vendors).where(eq(vendors.id, vendor.id));
    expect(after?.status).toBe('suspended');
    await client.close();
  });

  it("answers APPROVAL_REJECTED with the approver's opinion", async () => {
    const vendor = await vendorIn('pq_approved');
    const client = await connect('demo-lee.employee');
    const before = await actionIds();
    const call = client.callTool(
      {
        name: 'register_regular_vendor',
        arguments: { vendorId: vendor.id, reason: '등록 요청' },
      },
      undefined,
      { resetTimeoutOnProgress: true, timeout: 60_000 },
    );
    const apInfId = await waitForNewPending(before);
    // 이품질 (품질경영팀) reports to the 품질경영팀 팀장 한품질.
    const acted = await sim.simulator.act({
      apInfId,
      epId: 'A2003',
      action: 'reject',
      opinion: '서류 보완 필요',
    });
    expect(acted.ok).toBe(true);
    const result = (await call) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^APPROVAL_REJECTED: 서류 보완 필요/);
    const [after] = await database.db.select().from(vendors).where(eq(vendors.id, vendor.id));
    expect(after?.status).toBe('pq_approved');
    await client.close();
  });

  it('withdraws the document in Knox when no decision comes in time', async () => {
    const vendor = await vendorIn('pq_approved');
    const client = await connect('demo-kim.employee');
    const before = await actionIds();
    const result = (await client.callTool({
      name: 'register_regular_vendor',
      arguments: { vendorId: vendor.id, reason: '시간 초과 시험', timeoutSeconds: 1 },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^APPROVAL_TIMEOUT/);
    const apInfId = (await database.db.select().from(pendingActions)).find(
      (row) => !before.has(row.id),
    )!.apInfId;
    const [knox] = await createKnoxApprovalClient({
      baseUrl: sim.url,
      systemId: SIMULATOR_SYSTEM_ID,
      token: SIMULATOR_TOKEN,
      timeoutMs: 10_000,
    }).getApprovalStatuses([apInfId]);
    expect(knox).toMatchObject({ found: true, status: 4 });
    const [action] = await database.db
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.apInfId, apInfId));
    expect(action?.status).toBe('withdrawn');
    // An approver acting afterwards cannot make it run.
    expect((await sim.simulator.act({ apInfId, epId: 'A2001', action: 'approve' })).ok).toBe(false);
    await client.close();
  });

  it.each(['cancels the call', 'hangs up'] as const)(
    'stops waiting but keeps the approval when the client %s: it runs on approval and get_approval_status reports it',
    async (how) => {
      const vendor = await vendorIn('pq_approved');
      const client = await connect('demo-kim.employee');
      const before = await actionIds();
      const controller = new AbortController();
      const call = client.callTool(
        {
          name: 'register_regular_vendor',
          arguments: { vendorId: vendor.id, reason: `연결 끊김 시험 (${how})` },
        },
        undefined,
        { signal: controller.signal, timeout: 60_000 },
      );
      const apInfId = await waitForNewPending(before);
      expect(await eventually(waitingCalls, (count) => count === 1)).toBe(1);
      if (how === 'cancels the call') controller.abort();
      else await client.close();
      await expect(call).rejects.toThrow();
      expect(await eventually(waitingCalls, (count) => count === 0)).toBe(0);
      const [open] = await database.db
        .select()
        .from(pendingActions)
        .where(eq(pendingActions.apInfId, apInfId));
      expect(open?.status).toBe('pending');

      expect((await sim.simulator.act({ apInfId, epId: 'A2001', action: 'approve' })).ok).toBe(true);
      expect((await sim.simulator.act({ apInfId, epId: 'A2002', action: 'approve' })).ok).toBe(true);
      const { checkPendingApprovals } = await import('@/lib/approval');
      await checkPendingApprovals();
      const observer = await connect('demo-kim.employee');
      const status = (await observer.callTool({
        name: 'get_approval_status',
        arguments: { apInfId },
      })) as CallToolResult;
      await observer.close();
      expect(JSON.parse(text(status))).toMatchObject({
        apInfId,
        knoxStatus: 2,
        action: { status: 'executed' },
      });
      const other = await connect('demo-lee.employee');
      const hidden = (await other.callTool({
        name: 'get_approval_status',
        arguments: { apInfId },
      })) as CallToolResult;
      expect(text(hidden)).toMatch(/^FORBIDDEN/);
      await other.close();
      await client.close();
    },
  );

  it("never lets one client's cancel stop another client's call with the same request id", async () => {
    const [first, second] = await database.db
      .select()
      .from(vendors)
      .where(eq(vendors.status, 'pq_approved'))
      .limit(2);
    const leaving = await connect('demo-kim.employee');
    const staying = await connect('demo-kim.employee');
    const controller = new AbortController();
    const beforeLeaving = await actionIds();
    const leavingCall = leaving.callTool(
      {
        name: 'register_regular_vendor',
        arguments: { vendorId: first!.id, reason: '떠나는 호출' },
      },
      undefined,
      { signal: controller.signal, timeout: 60_000 },
    );
    const leavingId = await waitForNewPending(beforeLeaving);
    const beforeStaying = await actionIds();
    const stayingCall = staying.callTool(
      {
        name: 'register_regular_vendor',
        arguments: { vendorId: second!.id, reason: '남는 호출' },
      },
      undefined,
      { timeout: 60_000, resetTimeoutOnProgress: true },
    ) as Promise<CallToolResult>;
    const stayingId = await waitForNewPending(beforeStaying);
    expect(await eventually(waitingCalls, (count) => count === 2)).toBe(2);

    const cancelsBefore = handledCancels();
    controller.abort();
    await expect(leavingCall).rejects.toThrow();
    // Same user and the same JSON-RPC id in both clients: the cancel is ambiguous, so nothing stops
    // (the staying call below still gets its result).
    await waitFor(() => handledCancels() > cancelsBefore, {
      timeoutMs: 10_000,
      what: 'the endpoint handling the cancel notice',
    });
    expect(await waitingCalls()).toBe(2);

    expect((await sim.simulator.act({ apInfId: stayingId, epId: 'A2001', action: 'approve' })).ok).toBe(true);
    expect((await sim.simulator.act({ apInfId: stayingId, epId: 'A2002', action: 'approve' })).ok).toBe(true);
    expect(JSON.parse(text(await stayingCall))).toMatchObject({ apInfId: stayingId, outcome: 'executed' });
    expect((await sim.simulator.act({ apInfId: leavingId, epId: 'A2001', action: 'reject' })).ok).toBe(true);
    expect(await eventually(waitingCalls, (count) => count === 0)).toBe(0);
    await leaving.close();
    await staying.close();
  });
});
