import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { afterAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { CLIENT_ADDRESS_HEADER } from '@/lib/http/client-address';
import { createKnoxApprovalClient } from '@/lib/knox-api/approval';
import { e2eBaseUrl } from './app-server';

/**
 * The MCP endpoint of the built app through the official SDK client over real HTTP, with the
 * approver acting in the in-app Knox simulator through its control API while the call waits.
 */

const baseUrl = e2eBaseUrl();
const clients: Client[] = [];

afterAll(async () => {
  await Promise.all(clients.map((client) => client.close().catch(() => {})));
});

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'mcp-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/api/mcp', baseUrl), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  clients.push(client);
  return client;
}

const text = (result: CallToolResult) =>
  result.content.map((part) => (part.type === 'text' ? part.text : '')).join('');
const json = <T = Record<string, unknown>>(result: CallToolResult) => JSON.parse(text(result)) as T;

async function act(apInfId: string, epId: string, action: 'approve' | 'reject', opinion?: string) {
  const response = await fetch(`${baseUrl}/knox-sim/sim/act`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'System-ID': SIMULATOR_SYSTEM_ID,
      Authorization: `Bearer ${SIMULATOR_TOKEN}`,
    },
    body: JSON.stringify({ apInfId, epId, action, opinion }),
  });
  const body = (await response.json()) as { result: string };
  expect(body.result).toBe('success');
}

/** The Knox ids waiting in an approver's simulator inbox. */
async function waitingIn(epId: string): Promise<string[]> {
  const response = await fetch(`${baseUrl}/knox-sim/sim/inbox?epId=${epId}`, {
    headers: { 'System-ID': SIMULATOR_SYSTEM_ID, Authorization: `Bearer ${SIMULATOR_TOKEN}` },
  });
  const body = (await response.json()) as { result: string; data: Array<{ apInfId: string }> };
  expect(body.result).toBe('success');
  return body.data.map((doc) => doc.apInfId);
}

/** approval_agent_waiting_calls from /api/metrics, summed over tools. */
async function waitingCalls(): Promise<number> {
  // Loopback caller (see rest.e2e.test.ts on the client-address header).
  const metrics = await (
    await fetch(`${baseUrl}/api/metrics`, { headers: { [CLIENT_ADDRESS_HEADER]: '127.0.0.1' } })
  ).text();
  return metrics
    .split('\n')
    .filter((line) => line.startsWith('approval_agent_waiting_calls{'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop()), 0);
}

async function approvalsTotal(): Promise<number> {
  const response = await fetch(`${baseUrl}/api/approvals`, {
    headers: { authorization: 'Bearer demo-admin' },
  });
  return ((await response.json()) as { total: number }).total;
}

async function vendorInStatus(client: Client, status: string): Promise<{ id: number; name: string }> {
  const result = (await client.callTool({
    name: 'list_vendors',
    arguments: { status, pageSize: 100 },
  })) as CallToolResult;
  const vendors = json<{ vendors: Array<{ id: number; name: string }> }>(result).vendors;
  if (vendors.length === 0) throw new Error(`the e2e database has no vendor in status ${status}`);
  return vendors[0]!;
}

/** A PQ submission still open for a first investigation request (submitted or under review). */
async function pqToInvestigate(client: Client): Promise<number> {
  const listed = (await client.callTool({
    name: 'list_vendors',
    arguments: { status: 'pq_submitted', pageSize: 100 },
  })) as CallToolResult;
  for (const vendor of json<{ vendors: Array<{ id: number }> }>(listed).vendors) {
    const detail = (await client.callTool({
      name: 'get_vendor',
      arguments: { vendorId: vendor.id },
    })) as CallToolResult;
    const open = json<{ submissions: Array<{ id: number; status: string }> }>(detail).submissions.find(
      (submission) => ['submitted', 'under_review'].includes(submission.status),
    );
    if (open) return open.id;
  }
  throw new Error('the e2e database has no PQ submission open for an investigation request');
}

/**
 * Starts a gated call and resolves the Knox id from its first progress notification (sent once Knox
 * has the document), so the test acts as the approver exactly while the call waits.
 */
function startGatedCall(client: Client, name: string, args: Record<string, unknown>) {
  const progress: string[] = [];
  let announce: (apInfId: string) => void;
  const apInfId = new Promise<string>((resolve) => {
    announce = resolve;
  });
  const result = client.callTool({ name, arguments: args }, undefined, {
    timeout: 60_000,
    resetTimeoutOnProgress: true,
    onprogress: (update) => {
      progress.push(update.message ?? '');
      const id = update.message?.match(/AP[0-9A-Z]{10,}/)?.[0];
      if (id) announce(id);
    },
  }) as Promise<CallToolResult>;
  return { apInfId, result, progress };
}

describe('MCP endpoint of the built app', () => {
  it('lists the tools with risk levels and JSON schemas', async () => {
    const client = await connect('demo-kim.employee');
    const { tools } = await client.listTools();
    expect(
      tools.map((tool) => `${tool.name}:${(tool._meta as { riskLevel: string }).riskLevel}`).sort(),
    ).toEqual([
      'get_approval_status:LOW',
      'get_vendor:LOW',
      'list_vendors:LOW',
      'register_regular_vendor:HIGH',
      'request_pq_investigation:HIGH',
      'suspend_vendor:CRITICAL',
    ]);
    const suspend = tools.find((tool) => tool.name === 'suspend_vendor')!;
    expect(suspend.inputSchema.properties).toHaveProperty('vendorId');
    expect(suspend.inputSchema.required).toEqual(expect.arrayContaining(['vendorId', 'reason']));
    // Agents name no EP IDs: without approvers the server takes the rule's line.
    expect(suspend.inputSchema.required).not.toContain('approvers');
  });

  it('answers a LOW call at once', async () => {
    const client = await connect('demo-kim.employee');
    const listed = (await client.callTool({ name: 'list_vendors', arguments: {} })) as CallToolResult;
    expect(listed.isError).toBeFalsy();
    const { total, vendors } = json<{ total: number; vendors: Array<{ id: number }> }>(listed);
    expect(total).toBeGreaterThan(5);
    const detail = (await client.callTool({
      name: 'get_vendor',
      arguments: { vendorId: vendors[0]!.id },
    })) as CallToolResult;
    expect(json<{ vendor: { id: number } }>(detail).vendor.id).toBe(vendors[0]!.id);
  });

  it('refuses a tool the role may not use, submitting nothing', async () => {
    const client = await connect('demo-kim.employee');
    const vendor = await vendorInStatus(client, 'regular');
    const before = await approvalsTotal();
    const result = (await client.callTool({
      name: 'suspend_vendor',
      arguments: { vendorId: vendor.id, reason: '권한 시험' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^FORBIDDEN/);
    expect(await approvalsTotal()).toBe(before);
  });

  it('refuses a caller without an EP ID before anything reaches Knox', async () => {
    const client = await connect('demo-park.noep');
    const vendor = await vendorInStatus(client, 'pq_approved');
    const before = await approvalsTotal();
    const result = (await client.callTool({
      name: 'register_regular_vendor',
      arguments: { vendorId: vendor.id, reason: 'EP ID 없음' },
    })) as CallToolResult;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^MISSING_EP_ID/);
    expect(await approvalsTotal()).toBe(before);
  });

  it('rejected in Knox while waiting → APPROVAL_REJECTED with the opinion', async () => {
    const client = await connect('demo-kim.employee');
    const vendor = await vendorInStatus(client, 'pq_approved');
    const call = startGatedCall(client, 'register_regular_vendor', {
      vendorId: vendor.id,
      reason: '반려 시험',
    });
    const apInfId = await call.apInfId;
    await act(apInfId, 'A2001', 'reject', '거래 실적 자료 보완 필요');
    const result = await call.result;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^APPROVAL_REJECTED: 거래 실적 자료 보완 필요/);
    const status = (await client.callTool({
      name: 'get_approval_status',
      arguments: { apInfId },
    })) as CallToolResult;
    expect(json(status)).toMatchObject({ knoxStatus: 3, action: { status: 'rejected' } });
  });

  it('no decision within the (shortened) timeout → APPROVAL_TIMEOUT and the Knox document is withdrawn (4)', async () => {
    const client = await connect('demo-kim.employee');
    const vendor = await vendorInStatus(client, 'pq_approved');
    const call = startGatedCall(client, 'register_regular_vendor', {
      vendorId: vendor.id,
      reason: '시간 초과 시험',
      timeoutSeconds: 3,
    });
    const apInfId = await call.apInfId;
    const result = await call.result;
    expect(result.isError).toBe(true);
    expect(text(result)).toMatch(/^APPROVAL_TIMEOUT/);
    const knox = createKnoxApprovalClient({
      baseUrl: `${baseUrl}/knox-sim`,
      systemId: SIMULATOR_SYSTEM_ID,
      token: SIMULATOR_TOKEN,
      timeoutMs: 10_000,
    });
    const [doc] = await knox.getApprovalStatuses([apInfId]);
    expect(doc).toMatchObject({ found: true, status: 4 });
    const after = (await client.callTool({
      name: 'get_vendor',
      arguments: { vendorId: vendor.id },
    })) as CallToolResult;
    expect(json<{ vendor: { status: string } }>(after).vendor.status).toBe('pq_approved');
  });

  it('approved in Knox while waiting → the handler result, with progress naming the Knox id', async () => {
    const client = await connect('demo-kim.employee');
    const vendor = await vendorInStatus(client, 'pq_approved');
    const call = startGatedCall(client, 'register_regular_vendor', {
      vendorId: vendor.id,
      reason: '정규 거래 개시',
      items: ['정밀가공 부품'],
    });
    const apInfId = await call.apInfId;
    // Called without approvers: the document waits in 김구매's 팀장's inbox, then the 담당임원's.
    expect(await waitingIn('A2001')).toContain(apInfId);
    expect(await waitingIn('A2002')).not.toContain(apInfId);
    await act(apInfId, 'A2001', 'approve', '승인합니다');
    expect(await waitingIn('A2002')).toContain(apInfId);
    await act(apInfId, 'A2002', 'approve', '승인합니다');
    const result = await call.result;
    expect(result.isError).toBeFalsy();
    const body = json<{ apInfId: string; outcome: string; result: { vendorCode?: string } }>(result);
    expect(body).toMatchObject({ apInfId, outcome: 'executed' });
    expect(body.result).toBeTruthy();
    expect(call.progress[0]).toContain(apInfId);
    const after = (await client.callTool({
      name: 'get_vendor',
      arguments: { vendorId: vendor.id },
    })) as CallToolResult;
    expect(json<{ vendor: { status: string } }>(after).vendor.status).toBe('regular');
  });

  it('a client that hangs up stops its wait but not its approval: approved later, it still runs', async () => {
    const client = await connect('demo-kim.employee');
    const pqSubmissionId = await pqToInvestigate(client);
    let announce: (apInfId: string) => void;
    const announced = new Promise<string>((resolve) => {
      announce = resolve;
    });
    const call = client
      .callTool(
        {
          name: 'request_pq_investigation',
          arguments: {
            pqSubmissionId,
            requestedStartDate: '2099-12-07',
            requestedEndDate: '2099-12-08',
            qmAssigneeId: 'usr_lee',
            reason: '연결 끊김 시험',
          },
        },
        undefined,
        {
          timeout: 60_000,
          onprogress: (update) => {
            const id = update.message?.match(/AP[0-9A-Z]{10,}/)?.[0];
            if (id) announce(id);
          },
        },
      )
      .catch((error: Error) => error);
    const apInfId = await announced;
    expect(await waitingCalls()).toBe(1);
    // Hang up: the transport aborts its HTTP requests, closing the connection the call waits on.
    await client.close();
    expect(await call).toBeInstanceOf(Error);
    // The server notices the closed connection and ends the wait (no thread or timer left behind).
    let waiting = await waitingCalls();
    for (let attempt = 0; waiting !== 0 && attempt < 100; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      waiting = await waitingCalls();
    }
    expect(waiting).toBe(0);
    const observer = await connect('demo-kim.employee');
    const pending = (await observer.callTool({
      name: 'get_approval_status',
      arguments: { apInfId },
    })) as CallToolResult;
    expect(json(pending)).toMatchObject({ knoxStatus: 1, action: { status: 'pending' } });

    // PQ 실사의뢰's rule: 팀장, the QM 팀장 (합의), 담당임원.
    for (const epId of ['A2001', 'A2003', 'A2002']) await act(apInfId, epId, 'approve', '승인');
    // No one waits any more: the poller (every 5 s in the e2e server) processes the decision.
    let status = json<{ action: { status: string } }>(
      (await observer.callTool({ name: 'get_approval_status', arguments: { apInfId } })) as CallToolResult,
    );
    for (let attempt = 0; status.action.status !== 'executed' && attempt < 60; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      status = json(
        (await observer.callTool({ name: 'get_approval_status', arguments: { apInfId } })) as CallToolResult,
      );
    }
    expect(status).toMatchObject({ knoxStatus: 2, action: { status: 'executed' } });
  });
});
