import { spawn } from 'node:child_process';
import path from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { e2eBaseUrl } from './app-server';

/**
 * `npm run approvals -- …` as a real child process against the built app: every command, its
 * output, its errors and its exit code. Documents are submitted by an agent that then hangs up,
 * which also shows that a disconnected MCP call leaves its approval open.
 */

const baseUrl = e2eBaseUrl();
const root = path.resolve(import.meta.dirname, '../..');

interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string | undefined> = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/approvals.ts', ...args], {
      cwd: root,
      env: { ...process.env, APPROVALS_URL: baseUrl, APPROVALS_TOKEN: 'demo-kim.employee', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code: code ?? -1, stdout, stderr }));
  });
}

const as = (token: string) => ({ APPROVALS_TOKEN: token });

async function mcpClient(token: string): Promise<Client> {
  const client = new Client({ name: 'cli-e2e-agent', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL('/api/mcp', baseUrl), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

let vendorId: number;

/** An agent asks for a registration, learns the Knox id from the first progress notification, and hangs up. */
async function submitAndHangUp(reason: string): Promise<string> {
  const client = await mcpClient('demo-kim.employee');
  const controller = new AbortController();
  const apInfId = await new Promise<string>((resolve, reject) => {
    client
      .callTool({ name: 'register_regular_vendor', arguments: { vendorId, reason } }, undefined, {
        signal: controller.signal,
        timeout: 60_000,
        onprogress: (update) => {
          const id = update.message?.match(/AP[0-9A-Z]{10,}/)?.[0];
          if (id) resolve(id);
        },
      })
      .then((result) => reject(new Error(`the call ended before it waited: ${JSON.stringify(result)}`)))
      .catch((error) => {
        if (!controller.signal.aborted) reject(error);
      });
  });
  controller.abort();
  await client.close().catch(() => {});
  return apInfId;
}

beforeAll(async () => {
  const client = await mcpClient('demo-kim.employee');
  const listed = (await client.callTool({
    name: 'list_vendors',
    arguments: { status: 'pq_approved', pageSize: 100 },
  })) as CallToolResult;
  const first = JSON.parse((listed.content[0] as { text: string }).text).vendors[0] as
    | { id: number }
    | undefined;
  await client.close();
  if (!first) throw new Error('the e2e database has no vendor in status pq_approved');
  vendorId = first.id;
});

describe('approvals CLI against the running app', () => {
  it('fails cleanly without a token, with a bad token, and against an unreachable server', async () => {
    const noToken = await cli(['list'], { APPROVALS_TOKEN: '' });
    expect(noToken.code).toBe(1);
    expect(noToken.stderr).toContain('APPROVALS_TOKEN');
    const badToken = await cli(['list'], as('demo-nobody'));
    expect(badToken.code).toBe(1);
    expect(badToken.stderr).toContain('UNAUTHORIZED');
    const unreachable = await cli(['list'], { APPROVALS_URL: 'http://127.0.0.1:9' });
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toContain('서버에 연결할 수 없습니다');
  });

  it('exits 2 on bad usage', async () => {
    for (const args of [
      ['frobnicate'],
      ['show'],
      ['retry', 'abc'],
      ['cancel', 'AP1'],
      ['knox', 'approve', 'AP1'],
    ]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).not.toBe('');
    }
  });

  it('withdraws a document: list, show, cancel with its refusals, and cancel again → 1', async () => {
    const apInfId = await submitAndHangUp('CLI 상신취소 시험');

    const list = await cli(['list']);
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(apInfId);
    expect(list.stdout).toContain('진행중 (1)');
    const listJson = await cli(['list', '--json', '--status', '1']);
    expect(listJson.code).toBe(0);
    const parsed = JSON.parse(listJson.stdout) as { items: Array<{ apInfId: string; knoxStatus: number }> };
    expect(parsed.items.map((item) => item.apInfId)).toContain(apInfId);
    expect(parsed.items.every((item) => item.knoxStatus === 1)).toBe(true);
    const badStatus = await cli(['list', '--status', 'bogus']);
    expect(badStatus.code).toBe(1);
    expect(badStatus.stderr).toContain('INVALID_INPUT');

    const show = await cli(['show', apInfId]);
    expect(show.code).toBe(0);
    expect(show.stdout).toContain('결재 대기 (pending)');
    expect(show.stdout).toContain('김구매');
    const notMine = await cli(['show', apInfId], as('demo-lee.employee'));
    expect(notMine.code).toBe(1);
    expect(notMine.stderr).toContain('FORBIDDEN');
    const missing = await cli(['show', 'AP00000000000000NOPE']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('NOT_FOUND');

    const refused = await cli(['cancel', apInfId, '--opinion', '남의 결재'], as('demo-choi.teamlead'));
    expect(refused.code).toBe(1);
    const cancel = await cli(['cancel', apInfId, '--opinion', '요청 철회']);
    expect(cancel.code).toBe(0);
    expect(cancel.stdout).toContain('상신취소 (4)');
    const again = await cli(['cancel', apInfId, '--opinion', '다시']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('APPROVAL_STATE_CONFLICT');
  });

  it('acts as the approver in the simulator: wrong approver refused, reject accepted', async () => {
    const apInfId = await submitAndHangUp('CLI 반려 시험');
    const wrong = await cli(['knox', 'approve', apInfId, '--as', 'A2002']);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('Knox 시뮬레이터가 거부했습니다');
    const arbitrary = await cli(['knox', 'arbitrary', apInfId, '--as', 'A2001']);
    expect(arbitrary.code).toBe(1);
    const reject = await cli(['knox', 'reject', apInfId, '--as', 'A2001', '--opinion', '근거 부족']);
    expect(reject.code).toBe(0);
    expect(reject.stdout).toContain('반려 (3)');
    const refresh = await cli(['refresh', apInfId]);
    expect(refresh.code).toBe(0);
    expect(refresh.stdout).toContain('반려 처리 (rejected)');
  });

  it('approves, refreshes so the action runs, and shows the result; retry of it is refused', async () => {
    const apInfId = await submitAndHangUp('CLI 승인 시험');
    // The rule's line: 팀장 (A2001), then 담당임원 (A2002), whose approval completes it.
    const first = await cli(['knox', 'approve', apInfId, '--as', 'A2001', '--opinion', '승인']);
    expect(first.code).toBe(0);
    const approve = await cli(['knox', 'approve', apInfId, '--as', 'A2002', '--opinion', '승인']);
    expect(approve.code).toBe(0);
    expect(approve.stdout).toContain('완결 (2)');
    const refresh = await cli(['refresh', apInfId, '--json']);
    expect(refresh.code).toBe(0);
    const detail = JSON.parse(refresh.stdout) as { action: { id: number; status: string } };
    expect(detail.action.status).toBe('executed');

    const retryExecuted = await cli(['retry', String(detail.action.id)], as('demo-admin'));
    expect(retryExecuted.code).toBe(1);
    expect(retryExecuted.stderr).toContain('APPROVAL_STATE_CONFLICT');
    const retryAsEmployee = await cli(['retry', String(detail.action.id)]);
    expect(retryAsEmployee.code).toBe(1);
    expect(retryAsEmployee.stderr).toContain('FORBIDDEN');
    const retryMissing = await cli(['retry', '999999'], as('demo-admin'));
    expect(retryMissing.code).toBe(1);
    expect(retryMissing.stderr).toContain('NOT_FOUND');
  });

  it('runs the admin commands for an admin only', async () => {
    const handlers = await cli(['handlers'], as('demo-admin'));
    expect(handlers.code).toBe(0);
    expect(handlers.stdout).toContain('vendor_regular_registration');
    expect(handlers.stdout).toContain('CRITICAL');
    const poll = await cli(['poll', '--json'], as('demo-admin'));
    expect(poll.code).toBe(0);
    expect(Object.keys(JSON.parse(poll.stdout)).sort()).toEqual([
      'checked',
      'executed',
      'failed',
      'rejected',
      'updated',
    ]);
    const pollTable = await cli(['poll'], as('demo-admin'));
    expect(pollTable.code).toBe(0);
    expect(pollTable.stdout).toContain('확인');
    const actions = await cli(['actions', '--status', 'withdrawn'], as('demo-admin'));
    expect(actions.code).toBe(0);
    expect(actions.stdout).toContain('취소 처리 (withdrawn)');

    for (const args of [['handlers'], ['poll'], ['actions']]) {
      const refused = await cli(args);
      expect(refused.code, args[0]).toBe(1);
      expect(refused.stderr).toContain('FORBIDDEN');
    }
  });

  it('lists what happened to the requester’s documents and marks notifications read', async () => {
    const listed = await cli(['notifications', '--json']);
    expect(listed.code).toBe(0);
    const body = JSON.parse(listed.stdout) as {
      notifications: Array<{ id: number; kind: string; message: string }>;
      unread: number;
    };
    // The documents above: withdrawn, rejected and executed.
    expect(body.notifications.map((n) => n.kind)).toEqual(
      expect.arrayContaining(['withdrawn', 'rejected', 'executed']),
    );
    const rejected = body.notifications.find((n) => n.kind === 'rejected')!;
    expect(rejected.message).toContain('결재가 반려되었습니다 — 최팀장: 근거 부족');
    const table = await cli(['notifications', '--unread', '--limit', '5']);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('반려');
    expect(table.stdout).toContain(`(안 읽음 ${body.unread}건)`);

    const notLees = await cli(['mark-read', String(rejected.id)], as('demo-lee.employee'));
    expect(notLees.code).toBe(0);
    expect(notLees.stdout).toContain('읽음으로 표시: 0건');
    const one = await cli(['mark-read', String(rejected.id)]);
    expect(one.stdout).toContain(`읽음으로 표시: 1건 (안 읽음 ${body.unread - 1}건)`);
    const all = await cli(['mark-read', '--all']);
    expect(all.code).toBe(0);
    const after = JSON.parse((await cli(['notifications', '--unread', '--json'])).stdout);
    expect(after).toEqual({ notifications: [], unread: 0 });
    expect((await cli(['mark-read'])).code).toBe(2);
  });
});
