import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import {
  type CallToolResult,
  CallToolResultSchema,
  CreateTaskResultSchema,
} from '@modelcontextprotocol/sdk/types.js';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { type AppServer, startAppServer } from './app-server';

/**
 * Durable agent approvals on the built app: an MCP task outlives its client and a restart of the
 * server, and is answered from the database by the next server — on PGlite and on PostgreSQL.
 */

const postgresUrl = process.env.TEST_DATABASE_URL;
if (!postgresUrl) console.warn('[mcp-tasks e2e] PostgreSQL run SKIPPED: TEST_DATABASE_URL is not set');

const cleanups: Array<() => Promise<void>> = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
});

/** How the app finds its database: a kept PGlite directory, or a fresh PostgreSQL database. */
async function databaseFor(
  kind: 'pglite' | 'postgres',
): Promise<{ env: Record<string, string>; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'approval-e2e-tasks-'));
  cleanups.push(async () => rmSync(dataDir, { recursive: true, force: true }));
  if (kind === 'pglite') return { env: {}, dataDir };
  const name = `e2e_tasks_${randomBytes(6).toString('hex')}`;
  const admin = postgres(postgresUrl!, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  cleanups.push(async () => {
    await admin.unsafe(`drop database if exists ${name} with (force)`);
    await admin.end();
  });
  const url = new URL(postgresUrl!);
  url.pathname = `/${name}`;
  return { env: { DATABASE_URL: url.toString() }, dataDir };
}

async function connect(server: AppServer, token: string): Promise<Client> {
  const client = new Client({ name: 'mcp-tasks-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/api/mcp', server.baseUrl), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

const text = (result: CallToolResult) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');

async function vendorsIn(client: Client, status: string): Promise<number[]> {
  const result = (await client.callTool({
    name: 'list_vendors',
    arguments: { status, pageSize: 100 },
  })) as CallToolResult;
  return (JSON.parse(text(result)) as { vendors: Array<{ id: number }> }).vendors.map((vendor) => vendor.id);
}

async function vendorStatus(client: Client, vendorId: number): Promise<string> {
  const result = (await client.callTool({ name: 'get_vendor', arguments: { vendorId } })) as CallToolResult;
  return (JSON.parse(text(result)) as { vendor: { status: string } }).vendor.status;
}

async function callAsTask(client: Client, vendorId: number, reason: string) {
  const created = await client.request(
    {
      method: 'tools/call',
      params: {
        name: 'register_regular_vendor',
        arguments: { vendorId, reason },
        task: {},
      },
    },
    CreateTaskResultSchema,
  );
  return { ...created.task, apInfId: (created._meta as { apInfId: string }).apInfId };
}

interface ApprovalDetail {
  approval: { apInfId: string; status: number; approvalLine: Array<{ epId: string; role?: unknown }> };
  action: { status: string };
}

/** An approval as the admin's REST detail shows it. */
async function approvalOf(server: AppServer, apInfId: string): Promise<ApprovalDetail> {
  const response = await fetch(`${server.baseUrl}/api/approvals/${apInfId}`, {
    headers: { authorization: 'Bearer demo-admin' },
  });
  expect(response.status).toBe(200);
  return (await response.json()) as ApprovalDetail;
}

/** Approves as every deciding approver of the document's line, in order, through the simulator. */
async function approveAll(server: AppServer, apInfId: string) {
  const { approval } = await approvalOf(server, apInfId);
  const deciders = approval.approvalLine.filter(
    (entry) => entry.role !== 'notify' && String(entry.role) !== '0',
  );
  expect(deciders.length).toBeGreaterThan(0);
  for (const { epId } of deciders) {
    const response = await fetch(`${server.baseUrl}/knox-sim/sim/act`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'System-ID': SIMULATOR_SYSTEM_ID,
        Authorization: `Bearer ${SIMULATOR_TOKEN}`,
      },
      body: JSON.stringify({ apInfId, epId, action: 'approve', opinion: '승인' }),
    });
    expect(((await response.json()) as { result: string }).result).toBe('success');
  }
}

const backends = postgresUrl ? (['pglite', 'postgres'] as const) : (['pglite'] as const);

describe.each(backends)('MCP tasks across a server restart (%s)', (kind) => {
  it('a task outlives its client and the server; the next server answers it, for its owner only', async () => {
    const { env, dataDir } = await databaseFor(kind);
    let server = await startAppServer(env, dataDir);
    cleanups.push(() => server.stop());

    const first = await connect(server, 'demo-kim.employee');
    const [vendorId] = await vendorsIn(first, 'pq_approved');
    expect(vendorId).toBeDefined();
    const task = await callAsTask(first, vendorId!, '재시작 시험');
    expect(task.status).toBe('working');
    const { apInfId } = task;
    await first.close();
    await server.stop();

    server = await startAppServer(env, dataDir);
    cleanups.push(() => server.stop());
    await approveAll(server, apInfId);

    const again = await connect(server, 'demo-kim.employee');
    const result = (await again.experimental.tasks.getTaskResult(task.taskId, CallToolResultSchema, {
      timeout: 60_000,
    })) as CallToolResult;
    expect(result.isError).toBeFalsy();
    const body = JSON.parse(text(result)) as { apInfId: string; result: { vendorCode: string } };
    expect(body.apInfId).toBe(apInfId);
    expect(body.result.vendorCode).toMatch(/^V-\d{4}-\d{5}$/);
    expect(await again.experimental.tasks.getTask(task.taskId)).toMatchObject({ status: 'completed' });

    const other = await connect(server, 'demo-lee.employee');
    await expect(other.experimental.tasks.getTask(task.taskId)).rejects.toThrow(/not found/i);

    // tasks/cancel: 상신취소 in Knox (4) and the vendor back as it was.
    const [nextVendor] = (await vendorsIn(again, 'pq_approved')).filter((id) => id !== vendorId);
    expect(nextVendor).toBeDefined();
    const cancelled = await callAsTask(again, nextVendor!, '취소 시험');
    expect(await vendorStatus(again, nextVendor!)).toBe('registration_pending');
    expect((await again.experimental.tasks.cancelTask(cancelled.taskId)).status).toBe('cancelled');
    const detail = await approvalOf(server, cancelled.apInfId);
    expect(detail.approval.status).toBe(4);
    expect(detail.action.status).toBe('withdrawn');
    expect(await vendorStatus(again, nextVendor!)).toBe('pq_approved');
    await Promise.all([again.close(), other.close()]);
  });
});
