import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  type CallToolResult,
  CallToolResultSchema,
  CreateTaskResultSchema,
  type Task,
  TaskStatusNotificationSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { approvalLogs, mcpTasks, pendingActions, vendors } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { checkPendingApprovals } from '@/lib/approval';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { createKnoxApprovalClient, setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { type KnoxSimulatorServer, startKnoxSimulatorServer } from '@/lib/knox-simulator/server';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { handleMcpRequest } from './http';
import { agentWaitingCalls } from './metrics';

/**
 * MCP tasks through the real SDK client, its HTTP requests handed to the route's handler: a
 * task-augmented call answers at once, the task lives in the database for its owner only, and its
 * status and result follow the approval (approve, reject, cancel → 상신취소, expiry).
 */

let database: TestDatabase;
let sim: KnoxSimulatorServer;
const inProcessFetch = (async (input: string | URL | Request, init?: RequestInit) =>
  handleMcpRequest(new Request(input, init))) as typeof fetch;

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'mcp-tasks-int-test', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('http://localhost/api/mcp'), {
      fetch: inProcessFetch,
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

const text = (result: CallToolResult) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

let fixture = 0;
/** A PQ-approved vendor of its own for each test (registration moves it). */
async function freshVendor() {
  fixture += 1;
  const [vendor] = await database.db
    .insert(vendors)
    .values({
      name: `작업시험 ${fixture}`,
      businessNumber: `902-00-${String(fixture).padStart(5, '0')}`,
      representative: '홍길동',
      industry: '기계',
      address: '서울특별시 중구',
      contactName: '담당자',
      contactEmail: `task${fixture}@example.com`,
      status: 'pq_approved',
    })
    .returning();
  return vendor!;
}

/** tools/call as a task: the CreateTaskResult the server answers at once. */
async function callAsTask(client: Client, args: Record<string, unknown>, ttl?: number): Promise<Task> {
  const created = await client.request(
    {
      method: 'tools/call',
      params: { name: 'register_regular_vendor', arguments: args, task: ttl === undefined ? {} : { ttl } },
    },
    CreateTaskResultSchema,
  );
  return created.task;
}

/** The task row of a call that submitted an approval. */
async function taskRow(taskId: string) {
  const [row] = await database.db.select().from(mcpTasks).where(eq(mcpTasks.id, taskId));
  return { ...row!, apInfId: row!.apInfId!, pendingActionId: row!.pendingActionId! };
}

/** Approves as every deciding approver of the document's stored line, in order. */
async function approveAll(apInfId: string) {
  const [log] = await database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, apInfId));
  const line = (log!.approvalLine as Array<{ epId: string; role?: unknown }>).filter(
    (entry) => entry.role !== 'notify' && entry.role !== 0 && entry.role !== '0',
  );
  expect(line.length).toBeGreaterThan(0);
  for (const entry of line) {
    expect((await sim.simulator.act({ apInfId, epId: entry.epId, action: 'approve' })).ok).toBe(true);
  }
}

const waitingCalls = async () =>
  (await agentWaitingCalls().get()).values.reduce((sum, value) => sum + value.value, 0);

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
});

afterAll(async () => {
  setDefaultKnoxClient(null);
  await sim?.close();
  await database?.destroy();
});

describe('MCP tasks', () => {
  it('offers the HIGH/CRITICAL tools as optional tasks and the tasks capability', async () => {
    const client = await connect('demo-kim.employee');
    expect(client.getServerCapabilities()?.tasks).toMatchObject({
      list: {},
      cancel: {},
      requests: { tools: { call: {} } },
    });
    const { tools } = await client.listTools();
    const support = Object.fromEntries(tools.map((tool) => [tool.name, tool.execution?.taskSupport]));
    expect(support).toMatchObject({
      register_regular_vendor: 'optional',
      request_pq_investigation: 'optional',
      suspend_vendor: 'optional',
    });
    expect(support.list_vendors).not.toBe('optional');
    await client.close();
  });

  it('answers a task call at once with a task kept in the database, then the executed result', async () => {
    const vendor = await freshVendor();
    const client = await connect('demo-kim.employee');
    const task = await callAsTask(client, {
      vendorId: vendor.id,
      reason: '작업 승인 시험',
    });
    expect(task.taskId).toMatch(/^[0-9a-f]{32}$/);
    expect(task).toMatchObject({ status: 'working', statusMessage: '팀장 결재 대기', pollInterval: 5000 });
    // 30 days (APPROVAL_MAX_AGE_DAYS) when the client asks for no ttl.
    expect(task.ttl).toBe(30 * 86_400_000);
    expect(await waitingCalls()).toBe(0);

    const row = await taskRow(task.taskId);
    const [action] = await database.db
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.id, row.pendingActionId));
    expect(action).toMatchObject({ status: 'pending', apInfId: row.apInfId });
    await client.close();

    // A new connection (any instance) finds it; tasks/result holds until the decision.
    const again = await connect('demo-kim.employee');
    const statuses: Task[] = [];
    again.setNotificationHandler(TaskStatusNotificationSchema, (notification) => {
      statuses.push(notification.params as Task);
    });
    expect((await again.experimental.tasks.getTask(task.taskId)).status).toBe('working');
    const result = again.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema, {
      timeout: 60_000,
    });
    await approveAll(row.apInfId);
    const answered = (await result) as CallToolResult;
    expect(answered.isError).toBeFalsy();
    const body = JSON.parse(text(answered)) as {
      apInfId: string;
      outcome: string;
      result: { vendorCode: string };
    };
    expect(body).toMatchObject({ apInfId: row.apInfId, outcome: 'executed' });
    expect(body.result.vendorCode).toMatch(/\S/);
    expect(answered._meta?.['io.modelcontextprotocol/related-task']).toEqual({ taskId: task.taskId });
    expect(statuses.map((status) => status.status)).toEqual(['working', 'completed']);
    expect(statuses[0]!.statusMessage).toBe('팀장 결재 대기');

    const done = await again.experimental.tasks.getTask(task.taskId);
    expect(done).toMatchObject({ status: 'completed', statusMessage: '실행 완료' });
    const [registered] = await database.db.select().from(vendors).where(eq(vendors.id, vendor.id));
    expect(registered).toMatchObject({ status: 'regular', vendorCode: body.result.vendorCode });
    await again.close();
  });

  it('callToolStream (the SDK client) calls an optional-task tool as a task and streams it to the result', async () => {
    const vendor = await freshVendor();
    const client = await connect('demo-kim.employee');
    await client.listTools(); // the client learns which tools are task-capable
    const kinds: string[] = [];
    let result: CallToolResult | undefined;
    for await (const message of client.experimental.tasks.callToolStream(
      {
        name: 'register_regular_vendor',
        arguments: { vendorId: vendor.id, reason: '스트림 시험' },
      },
      CallToolResultSchema,
      { timeout: 60_000 },
    )) {
      kinds.push(message.type);
      if (message.type === 'taskCreated') {
        const row = await taskRow(message.task.taskId);
        await approveAll(row.apInfId);
        await checkPendingApprovals();
      }
      if (message.type === 'result') result = message.result as CallToolResult;
    }
    expect(kinds[0]).toBe('taskCreated');
    expect(kinds.at(-1)).toBe('result');
    expect(JSON.parse(text(result!))).toMatchObject({ outcome: 'executed' });
    await client.close();
  });

  it("refuses another user's tasks/get, tasks/result, tasks/cancel and leaves it out of their list", async () => {
    const vendor = await freshVendor();
    const owner = await connect('demo-kim.employee');
    const task = await callAsTask(owner, {
      vendorId: vendor.id,
      reason: '소유자 시험',
    });
    const other = await connect('demo-lee.employee');
    await expect(other.experimental.tasks.getTask(task.taskId)).rejects.toThrow(/not found/i);
    await expect(other.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema)).rejects.toThrow(
      /not found/i,
    );
    await expect(other.experimental.tasks.cancelTask(task.taskId)).rejects.toThrow(/not found/i);
    expect((await other.experimental.tasks.listTasks()).tasks.map((listed) => listed.taskId)).not.toContain(
      task.taskId,
    );
    // Even an admin: a task belongs to the agent that created it.
    const admin = await connect('demo-admin');
    await expect(admin.experimental.tasks.getTask(task.taskId)).rejects.toThrow(/not found/i);

    const listed = await owner.experimental.tasks.listTasks();
    expect(listed.tasks.find((entry) => entry.taskId === task.taskId)).toMatchObject({ status: 'working' });
    // The refused cancel changed nothing.
    const row = await taskRow(task.taskId);
    const [log] = await database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, row.apInfId));
    expect(log!.status).toBe(1);
    await Promise.all([owner.close(), other.close(), admin.close()]);
  });

  it('tasks/cancel withdraws the document in Knox (4) and puts the vendor back', async () => {
    const vendor = await freshVendor();
    const client = await connect('demo-kim.employee');
    const task = await callAsTask(client, { vendorId: vendor.id, reason: '취소 시험' });
    const row = await taskRow(task.taskId);
    const [pending] = await database.db.select().from(vendors).where(eq(vendors.id, vendor.id));
    expect(pending!.status).toBe('registration_pending');

    const cancelled = await client.experimental.tasks.cancelTask(task.taskId);
    expect(cancelled.status).toBe('cancelled');
    const [log] = await database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, row.apInfId));
    expect(log!.status).toBe(4);
    expect((await sim.simulator.getDocument(row.apInfId))?.status).toBe(4);
    const [action] = await database.db
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.id, row.pendingActionId));
    expect(action!.status).toBe('withdrawn');
    const [restored] = await database.db.select().from(vendors).where(eq(vendors.id, vendor.id));
    expect(restored!.status).toBe('pq_approved');

    const result = (await client.experimental.tasks.getTaskResult(
      task.taskId,
      CallToolResultSchema,
    )) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^APPROVAL_REJECTED: /);
    // A finished task cannot be cancelled again.
    await expect(client.experimental.tasks.cancelTask(task.taskId)).rejects.toThrow(/terminal/);
    await client.close();
  });

  it('a rejection completes the task with APPROVAL_REJECTED and the opinion', async () => {
    const vendor = await freshVendor();
    const client = await connect('demo-kim.employee');
    const task = await callAsTask(client, { vendorId: vendor.id, reason: '반려 시험' });
    const row = await taskRow(task.taskId);
    expect(
      (
        await sim.simulator.act({
          apInfId: row.apInfId,
          epId: 'A2001',
          action: 'reject',
          opinion: '자료 보완',
        })
      ).ok,
    ).toBe(true);
    await checkPendingApprovals();
    expect(await client.experimental.tasks.getTask(task.taskId)).toMatchObject({ status: 'completed' });
    const result = (await client.experimental.tasks.getTaskResult(
      task.taskId,
      CallToolResultSchema,
    )) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^APPROVAL_REJECTED: 자료 보완/);
    await client.close();
  });

  it('caps the ttl at APPROVAL_MAX_AGE_DAYS, and an expired task is not found', async () => {
    const vendor = await freshVendor();
    const client = await connect('demo-kim.employee');
    const long = await callAsTask(client, { vendorId: vendor.id, reason: '기한 시험' }, 365 * 86_400_000);
    expect(long.ttl).toBe(30 * 86_400_000);
    await database.db
      .update(mcpTasks)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(mcpTasks.id, long.taskId));
    await expect(client.experimental.tasks.getTask(long.taskId)).rejects.toThrow(/not found/i);
    expect((await client.experimental.tasks.listTasks()).tasks.map((task) => task.taskId)).not.toContain(
      long.taskId,
    );
    // The approval itself is untouched: a task's end withdraws nothing.
    const row = await taskRow(long.taskId);
    const [action] = await database.db
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.id, row.pendingActionId));
    expect(action!.status).toBe('pending');
    await client.close();
  });

  it('a refused task call gets a completed task whose result is the tool error, and submits nothing', async () => {
    const vendor = await freshVendor();
    const actionsBefore = (await database.db.select().from(pendingActions)).length;
    const client = await connect('demo-park.noep');
    const task = await callAsTask(client, {
      vendorId: vendor.id,
      reason: 'EP ID 없음',
    });
    expect(task.status).toBe('completed');
    const result = (await client.experimental.tasks.getTaskResult(
      task.taskId,
      CallToolResultSchema,
    )) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^MISSING_EP_ID/);
    expect((await database.db.select().from(pendingActions)).length).toBe(actionsBefore);
    await client.close();

    // A role without the permission: FORBIDDEN, as a plain call would answer.
    const employee = await connect('demo-kim.employee');
    const regular = await freshVendor();
    const forbidden = await employee.request(
      {
        method: 'tools/call',
        params: {
          name: 'suspend_vendor',
          arguments: { vendorId: regular.id, reason: '권한 시험' },
          task: {},
        },
      },
      CreateTaskResultSchema,
    );
    const answer = (await employee.experimental.tasks.getTaskResult(
      forbidden.task.taskId,
      CallToolResultSchema,
    )) as CallToolResult;
    expect(text(answer)).toMatch(/^FORBIDDEN/);
    expect((await database.db.select().from(pendingActions)).length).toBe(actionsBefore);
    await employee.close();
  });

  it('a plain call of the same tool still waits for the decision and stores no task', async () => {
    const vendor = await freshVendor();
    const before = (await database.db.select().from(mcpTasks)).length;
    const client = await connect('demo-kim.employee');
    const call = client.callTool(
      {
        name: 'register_regular_vendor',
        arguments: { vendorId: vendor.id, reason: '일반 호출' },
      },
      undefined,
      { timeout: 60_000 },
    ) as Promise<CallToolResult>;
    let apInfId: string | undefined;
    for (let attempt = 0; attempt < 200 && !apInfId; attempt++) {
      const [row] = await database.db
        .select({ apInfId: pendingActions.apInfId, submittedAt: approvalLogs.submittedAt })
        .from(pendingActions)
        .innerJoin(approvalLogs, eq(approvalLogs.apInfId, pendingActions.apInfId))
        .where(sql`${pendingActions.actionPayload} ->> 'vendorId' = ${String(vendor.id)}`);
      if (row?.submittedAt) apInfId = row.apInfId;
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(apInfId).toBeDefined();
    expect(await waitingCalls()).toBe(1);
    await approveAll(apInfId!);
    const result = await call;
    expect(result.isError).toBeFalsy();
    expect(JSON.parse(text(result))).toMatchObject({ apInfId, outcome: 'executed' });
    expect((await database.db.select().from(mcpTasks)).length).toBe(before);
    await client.close();
  });
});
