import { describe, expect, it } from 'vitest';
import { displayWidth, formatTable, truncate } from './format';
import { type CliIo, runCli } from './run';

interface Recorded {
  method: string;
  url: string;
  headers: Record<string, string>;
  body: unknown;
}

/** A scripted server: answers each request with the next response, recording what was sent. */
function harness(responses: Array<{ status?: number; body?: unknown } | Error> = []) {
  const requests: Recorded[] = [];
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      requests.push({
        method: init?.method ?? 'GET',
        url: String(input),
        headers: Object.fromEntries(Object.entries((init?.headers as Record<string, string>) ?? {})),
        body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      });
      const next = responses.shift() ?? { body: {} };
      if (next instanceof Error) throw next;
      return new Response(next.body === undefined ? '' : JSON.stringify(next.body), {
        status: next.status ?? 200,
        headers: { 'content-type': 'application/json' },
      });
    }) as typeof fetch,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: { APPROVALS_TOKEN: 'demo-admin' },
  };
  return { io, requests, out: () => stdout, err: () => stderr };
}

const listBody = {
  total: 1,
  items: [
    {
      apInfId: 'AP20261121050000ABCDEFGHIJKL',
      title: '정규업체 등록 요청 - 대한정밀',
      knoxStatus: 1,
      requesterName: '김구매',
      submittedAt: '2026-11-21T05:00:00.000Z',
      createdAt: '2026-11-21T05:00:00.000Z',
      action: { id: 7, actionType: 'vendor_regular_registration', status: 'pending', errorMessage: null },
    },
  ],
};

describe('runCli', () => {
  it('lists approvals as a table with Korean status labels, using the token and default URL', async () => {
    const h = harness([{ body: listBody }]);
    expect(await runCli(['list', '--status', '1'], h.io)).toBe(0);
    expect(h.requests[0]).toMatchObject({
      method: 'GET',
      url: 'http://localhost:3000/api/approvals?status=1',
      headers: { authorization: 'Bearer demo-admin' },
    });
    expect(h.out()).toContain('진행중 (1)');
    expect(h.out()).toContain('결재 대기 (pending)');
    expect(h.out()).toContain('김구매');
    expect(h.err()).toBe('');
  });

  it('prints the server JSON as is with --json, and honours APPROVALS_URL and --token', async () => {
    const h = harness([{ body: listBody }]);
    h.io.env = { APPROVALS_URL: 'http://example.test:9/' };
    expect(await runCli(['list', '--json', '--token', 'tok'], h.io)).toBe(0);
    expect(h.requests[0]?.url).toBe('http://example.test:9/api/approvals');
    expect(h.requests[0]?.headers.authorization).toBe('Bearer tok');
    expect(JSON.parse(h.out())).toEqual(listBody);
  });

  it('exits 1 with the error envelope message on stderr when the server refuses', async () => {
    const h = harness([
      { status: 403, body: { error: { code: 'FORBIDDEN', message: '관리자만 할 수 있는 작업입니다' } } },
    ]);
    expect(await runCli(['poll'], h.io)).toBe(1);
    expect(h.requests[0]).toMatchObject({ method: 'POST', url: 'http://localhost:3000/api/poll' });
    expect(h.err()).toContain('관리자만 할 수 있는 작업입니다 (FORBIDDEN)');
    expect(h.out()).toBe('');
  });

  it('exits 1 without a token, before sending anything', async () => {
    const h = harness();
    h.io.env = {};
    expect(await runCli(['handlers'], h.io)).toBe(1);
    expect(h.requests).toHaveLength(0);
    expect(h.err()).toContain('APPROVALS_TOKEN');
  });

  it('exits 1 with a readable message when the server cannot be reached', async () => {
    const h = harness([Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } })]);
    expect(await runCli(['list'], h.io)).toBe(1);
    expect(h.err()).toContain('ECONNREFUSED');
  });

  it.each([
    [[]],
    [['frobnicate']],
    [['cancel', 'AP1']],
    [['retry', 'abc']],
    [['retry', '0']],
    [['show']],
    [['show', 'not/an/id']],
    [['knox', 'approve', 'AP1']],
    [['list', '--limit', '-3']],
    [['cancel', 'AP1', '--opinion', '  ']],
  ])('exits 2 on bad usage %j without calling the server', async (argv) => {
    const h = harness();
    expect(await runCli(argv, h.io)).toBe(2);
    expect(h.requests).toHaveLength(0);
    expect(h.err()).not.toBe('');
  });

  it('exits 0 on --help', async () => {
    const h = harness();
    expect(await runCli(['--help'], h.io)).toBe(0);
    expect(h.out()).toContain('refresh');
  });

  it('sends cancel with its opinion and retry with the numeric id', async () => {
    const detail = {
      approval: {
        apInfId: 'AP1',
        title: '문서',
        status: 4,
        requesterName: '김구매',
        requesterEpId: 'E1001',
        submittedAt: null,
        decidedAt: null,
        lastSyncedAt: null,
      },
      action: null,
      events: [],
    };
    const h = harness([
      { body: detail },
      {
        body: {
          action: {
            id: 12,
            apInfId: 'AP1',
            actionType: 'x',
            status: 'executed',
            attempts: 2,
            errorMessage: null,
          },
        },
      },
    ]);
    expect(await runCli(['cancel', 'AP1', '--opinion', '잘못 상신'], h.io)).toBe(0);
    expect(h.requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://localhost:3000/api/approvals/AP1/cancel',
      body: { opinion: '잘못 상신' },
    });
    expect(h.out()).toContain('상신취소 (4)');
    expect(await runCli(['retry', '12'], h.io)).toBe(0);
    expect(h.requests[1]).toMatchObject({
      method: 'POST',
      url: 'http://localhost:3000/api/pending-actions/12/retry',
    });
    expect(h.out()).toContain('실행 완료 (executed)');
  });

  it('acts in the simulator through its control API and reports its refusal', async () => {
    const h = harness([
      { body: { result: 'success', data: { apInfId: 'AP1', status: '2' }, statusCode: '200' } },
      {
        body: {
          result: 'fail',
          errorDetail: { errorCode: 'SIM_NOT_YOUR_TURN', errorMessage: 'not your turn' },
        },
      },
    ]);
    expect(await runCli(['knox', 'approve', 'AP1', '--as', 'A2001', '--opinion', '승인합니다'], h.io)).toBe(
      0,
    );
    expect(h.requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://localhost:3000/knox-sim/sim/act',
      // The control API refuses callers without the simulator's Knox credentials.
      headers: { 'System-ID': 'KNOX-SIM', authorization: 'Bearer knox-sim-token' },
      body: { apInfId: 'AP1', epId: 'A2001', action: 'approve', opinion: '승인합니다' },
    });
    expect(h.out()).toContain('완결 (2)');
    expect(await runCli(['knox', 'reject', 'AP1', '--as', 'A2002'], h.io)).toBe(1);
    expect(h.err()).toContain('not your turn');
  });
});

describe('formatting', () => {
  it('counts Hangul as two columns and aligns tables by display width', () => {
    expect(displayWidth('김구매')).toBe(6);
    expect(displayWidth('abc')).toBe(3);
    const table = formatTable(
      [
        { a: '김구매', b: 'x' },
        { a: 'ab', b: 'y' },
      ],
      [
        { header: '이름', value: (row) => row.a },
        { header: 'B', value: (row) => row.b },
      ],
    );
    const lines = table.trimEnd().split('\n');
    expect(lines.map((line) => displayWidth(line))).toEqual([9, 9, 9, 9]);
    expect(formatTable([], [{ header: 'x', value: () => 1 }])).toBe('(없음)\n');
  });

  it('truncates long cells with an ellipsis within the width', () => {
    const cut = truncate('정규업체 등록 요청 - 아주 긴 회사 이름', 12);
    expect(displayWidth(cut)).toBeLessThanOrEqual(12);
    expect(cut.endsWith('…')).toBe(true);
    expect(truncate('short', 12)).toBe('short');
  });
});

describe('runCli notifications', () => {
  const notificationsBody = {
    unread: 1,
    notifications: [
      {
        id: 12,
        kind: 'rejected',
        apInfId: 'AP20261121050000ABCDEFGHIJKL',
        title: '정규업체 등록 요청 - 대한정밀',
        message: '정규업체 등록 결재가 반려되었습니다 — 최팀장: 서류 미비',
        createdAt: '2026-11-21T05:00:00.000Z',
        readAt: null,
      },
    ],
  };

  it('lists the caller’s notifications with Korean kinds, --unread and --limit passed on', async () => {
    const h = harness([{ body: notificationsBody }]);
    expect(await runCli(['notifications', '--unread', '--limit', '5'], h.io)).toBe(0);
    expect(h.requests[0]).toMatchObject({
      method: 'GET',
      url: 'http://localhost:3000/api/notifications?unread=true&limit=5',
    });
    expect(h.out()).toContain('반려');
    expect(h.out()).toContain('최팀장: 서류 미비');
    expect(h.out()).toContain('(안 읽음 1건)');
  });

  it('prints the server JSON with --json', async () => {
    const h = harness([{ body: notificationsBody }]);
    expect(await runCli(['notifications', '--json'], h.io)).toBe(0);
    expect(JSON.parse(h.out())).toEqual(notificationsBody);
  });

  it('mark-read sends the ids, or nothing for --all', async () => {
    const h = harness([{ body: { marked: 2, unread: 0 } }, { body: { marked: 3, unread: 0 } }]);
    expect(await runCli(['mark-read', '12', '13'], h.io)).toBe(0);
    expect(h.requests[0]).toMatchObject({
      method: 'POST',
      url: 'http://localhost:3000/api/notifications/read',
      body: { ids: [12, 13] },
    });
    expect(h.out()).toContain('읽음으로 표시: 2건');
    expect(await runCli(['mark-read', '--all'], h.io)).toBe(0);
    expect(h.requests[1]?.body).toEqual({});
  });

  it('mark-read with no id, a bad id, or ids and --all is bad usage (exit 2), nothing sent', async () => {
    for (const argv of [
      ['mark-read'],
      ['mark-read', '0'],
      ['mark-read', 'x1'],
      ['mark-read', '3', '--all'],
    ]) {
      const h = harness();
      expect(await runCli(argv, h.io), argv.join(' ')).toBe(2);
      expect(h.requests).toHaveLength(0);
    }
    expect(await runCli(['notifications', '--limit', '0'], harness().io)).toBe(2);
  });
});
