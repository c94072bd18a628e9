import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { metrics } from '@/lib/observability/metrics';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/process-singleton';
import { backoffDelayMs, createKnoxApprovalClient, KNOX_APPROVAL_PATHS } from './client';
import {
  KnoxAuthError,
  KnoxInvalidRequestError,
  KnoxNotFoundError,
  KnoxRefusedError,
  KnoxUnknownOutcomeError,
} from './errors';
import type { KnoxClientConfig, SubmitApprovalInput } from './types';

const BASE_URL = 'http://knox.test/base';
const SYSTEM_ID = 'SYS-SECRET-ID';
const TOKEN = 'tok-very-secret-0123456789';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: unknown;
}

type Handler = (call: Call, init: RequestInit) => Promise<Response> | Response;

const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
const ok = (data: unknown) => json({ result: 'success', data, statusCode: '200' });
const fail = (errorCode: string, errorMessage: string | null, detailMessages: unknown = null) =>
  json({ result: 'fail', errorDetail: { url: '/x', errorCode, errorMessage, detailMessages } });

/** A fetch that records every call and answers with `handler`. */
const fetchInits: RequestInit[] = [];
function fakeFetch(handler: Handler) {
  const calls: Call[] = [];
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const call: Call = {
      url: String(input),
      method: init.method ?? 'GET',
      headers: init.headers as Record<string, string>,
      body: init.body === undefined ? undefined : JSON.parse(String(init.body)),
    };
    calls.push(call);
    fetchInits.push(init);
    return handler(call, init);
  }) as typeof fetch;
  return { calls, fetchImpl };
}

/** Never answers; rejects with the abort reason when the client's time-out fires. */
const hang: Handler = (_call, init) =>
  new Promise<Response>((_resolve, reject) => {
    init.signal?.addEventListener('abort', () => reject(init.signal?.reason));
  });

const dropped: Handler = () => {
  throw new TypeError('fetch failed', {
    cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
  });
};

const sleeps: number[] = [];
function client(handler: Handler, overrides: Partial<KnoxClientConfig> = {}) {
  const fake = fakeFetch(handler);
  const knox = createKnoxApprovalClient({
    baseUrl: `${BASE_URL}/`,
    systemId: SYSTEM_ID,
    token: TOKEN,
    timeoutMs: 50,
    retryBaseDelayMs: 100,
    fetch: fake.fetchImpl,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });
  return { knox, calls: fake.calls };
}

const input: SubmitApprovalInput = {
  apInfId: 'AP-TEST-1',
  subject: '구매 요청',
  contents: '<p>본문</p>',
  drafter: { epId: 'E1001' },
  line: [{ epId: 'A2001', role: 'approve' }],
  submittedAt: new Date('2026-11-21T00:00:00Z'),
};

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

// Every log line the client writes during a test, captured from a debug-level logger.
const logLines: string[] = [];
let previousLogger: Logger | undefined;
beforeEach(() => {
  sleeps.length = 0;
  fetchInits.length = 0;
  logLines.length = 0;
  previousLogger = peekProcessSingleton<Logger>('logger');
  setProcessSingleton(
    'logger',
    pino(
      { level: 'debug' },
      new Writable({
        write(chunk, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    ),
  );
});
afterEach(() => {
  setProcessSingleton('logger', previousLogger);
  // Whatever a test did, no credential may reach a log line.
  for (const line of logLines) {
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain(SYSTEM_ID);
  }
});

describe('requests', () => {
  it('submits the mapped body to the submit path with the Knox headers', async () => {
    const { knox, calls } = client(() => ok({ apInfId: 'AP-TEST-1' }));
    await expect(knox.submitApproval(input)).resolves.toEqual({ apInfId: 'AP-TEST-1' });
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.url).toBe(`${BASE_URL}/approval/api/v2.0/approvals/submit`);
    expect(call?.method).toBe('POST');
    expect(call?.headers).toMatchObject({
      'System-ID': SYSTEM_ID,
      Authorization: `Bearer ${TOKEN}`,
      'Content-Type': 'application/json',
    });
    expect(call?.body).toMatchObject({ apInfId: 'AP-TEST-1', sbmDt: '20261121090000', timeZone: 'GMT+9' });
    expect(calls[0] && fetchInits[0]?.redirect).toBe('manual');
    expect(logLines.some((line) => line.includes('"apInfId":"AP-TEST-1"'))).toBe(true);
  });

  it('reads the detail by GET and cancels by POST with apInfId and opinion', async () => {
    const { knox, calls } = client((call) =>
      call.method === 'GET'
        ? ok({ apInfId: 'AP-9', subject: '제목', status: 1, aplns: [{ epId: 'E1', seq: '0', role: '0' }] })
        : ok({ apInfId: 'AP-9' }),
    );
    const detail = await knox.getApprovalDetail('AP-9');
    expect(detail).toMatchObject({ apInfId: 'AP-9', status: 1, aplns: [{ epId: 'E1', seq: 0, role: 0 }] });
    await knox.cancelApproval('AP-9', '취소합니다');
    expect(calls.map((call) => [call.method, call.url, call.body])).toEqual([
      ['GET', `${BASE_URL}${KNOX_APPROVAL_PATHS.detail('AP-9')}`, undefined],
      [
        'POST',
        `${BASE_URL}/approval/api/v2.0/approvals/AP-9/cancel`,
        { apInfId: 'AP-9', opinion: '취소합니다' },
      ],
    ]);
  });

  it('sends nothing for bad input', async () => {
    const { knox, calls } = client(() => ok({}));
    expect(await rejection(knox.submitApproval({ ...input, line: [] }))).toBeInstanceOf(
      KnoxInvalidRequestError,
    );
    expect(await rejection(knox.getApprovalDetail('bad id!'))).toBeInstanceOf(KnoxInvalidRequestError);
    expect(await rejection(knox.cancelApproval('', 'x'))).toBeInstanceOf(KnoxInvalidRequestError);
    expect(await rejection(knox.getApprovalStatuses(['ok', 'no spaces']))).toBeInstanceOf(
      KnoxInvalidRequestError,
    );
    expect(calls).toHaveLength(0);
  });

  it('refuses a bad configuration without echoing the token', () => {
    const base = { baseUrl: BASE_URL, systemId: SYSTEM_ID, token: TOKEN, timeoutMs: 10 };
    expect(() => createKnoxApprovalClient({ ...base, baseUrl: 'ftp://x' })).toThrow(/baseUrl/);
    expect(() => createKnoxApprovalClient({ ...base, token: '' })).toThrow(/token is required/);
    expect(() => createKnoxApprovalClient({ ...base, timeoutMs: 0 })).toThrow(/timeoutMs/);
    expect(() => createKnoxApprovalClient({ ...base, statusConcurrency: 0 })).toThrow(/statusConcurrency/);
  });
});

describe('error classification', () => {
  it('result "fail" → KnoxRefusedError with code and message', async () => {
    const { knox } = client(() => fail('SIM001', 'duplicate apInfId'));
    const error = await rejection(knox.submitApproval(input));
    expect(error).toBeInstanceOf(KnoxRefusedError);
    expect(error).not.toBeInstanceOf(KnoxNotFoundError);
    expect(error).toMatchObject({ code: 'SIM001', httpStatus: 200, endpoint: 'submit' });
    expect((error as Error).message).toContain('duplicate apInfId');
  });

  it('falls back to detailMessages when errorMessage is empty', async () => {
    const { knox } = client(() => fail('X1', null, ['첫째 문제', '둘째 문제']));
    expect(((await rejection(knox.cancelApproval('AP-1', ''))) as Error).message).toContain(
      '첫째 문제; 둘째 문제',
    );
  });

  it('APE020 → KnoxNotFoundError', async () => {
    const { knox, calls } = client(() => fail('APE020', '[apInfId] that request process does not exist'));
    const error = await rejection(knox.getApprovalDetail('AP-GONE'));
    expect(error).toBeInstanceOf(KnoxNotFoundError);
    expect(error).toMatchObject({ code: 'APE020', endpoint: 'detail' });
    expect(calls).toHaveLength(1); // a definite answer is not retried
  });

  it('401 → KnoxAuthError', async () => {
    const { knox, calls } = client(() => json({ code: '900901', message: 'Invalid Credentials' }, 401));
    const error = await rejection(knox.getApprovalStatuses(['AP-1']));
    expect(error).toBeInstanceOf(KnoxAuthError);
    expect(error).toMatchObject({ code: '900901', httpStatus: 401 });
    expect(calls).toHaveLength(1);
  });

  it('other 4xx → KnoxRefusedError with the HTTP status', async () => {
    const { knox } = client(() => new Response('bad request', { status: 400 }));
    const error = await rejection(knox.submitApproval(input));
    expect(error).toBeInstanceOf(KnoxRefusedError);
    expect(error).not.toBeInstanceOf(KnoxAuthError);
    expect(error).toMatchObject({ code: '400', httpStatus: 400 });
  });

  it.each<[string, Handler, string]>([
    ['a time-out', hang, 'timeout'],
    ['a dropped connection', dropped, 'network'],
    ['HTTP 503', () => new Response('busy', { status: 503 }), 'http_5xx'],
    [
      'a body that is not JSON',
      () => new Response('<html>proxy</html>', { status: 200 }),
      'invalid_response',
    ],
    ['an unexpected shape', () => json({ result: 'success', data: { nope: 1 } }), 'invalid_response'],
    ['a different echoed id', () => ok({ apInfId: 'SOMEONE-ELSE' }), 'invalid_response'],
    [
      'a redirect (e.g. to a login page)',
      () => new Response(null, { status: 302, headers: { location: 'https://sso.example/login' } }),
      'invalid_response',
    ],
  ])('%s on submit → KnoxUnknownOutcomeError, tried once', async (_name, handler, reason) => {
    const { knox, calls } = client(handler);
    const error = await rejection(knox.submitApproval(input));
    expect(error).toBeInstanceOf(KnoxUnknownOutcomeError);
    expect(error).toMatchObject({ reason, endpoint: 'submit' });
    expect(calls).toHaveLength(1);
  });

  it.each<[string, Handler, string]>([
    ['a time-out', hang, 'timeout'],
    ['a dropped connection', dropped, 'network'],
    ['HTTP 500', () => new Response('', { status: 500 }), 'http_5xx'],
  ])('%s on cancel → KnoxUnknownOutcomeError, tried once', async (_name, handler, reason) => {
    const { knox, calls } = client(handler);
    expect(await rejection(knox.cancelApproval('AP-1', 'x'))).toMatchObject({ reason, endpoint: 'cancel' });
    expect(calls).toHaveLength(1);
  });

  it('records each call in knox_request_duration_seconds by endpoint and outcome', async () => {
    const count = async (endpoint: string, outcome: string) => {
      const metric = await metrics().knoxRequestSeconds.get();
      return (
        metric.values.find(
          (value) =>
            value.metricName === 'knox_request_duration_seconds_count' &&
            value.labels.endpoint === endpoint &&
            value.labels.outcome === outcome,
        )?.value ?? 0
      );
    };
    const before = await Promise.all([
      count('submit', 'success'),
      count('submit', 'fail'),
      count('cancel', 'http_error'),
      count('detail', 'unknown'),
    ]);
    await client(() => ok({ apInfId: input.apInfId })).knox.submitApproval(input);
    await rejection(client(() => fail('SIM001', 'dup')).knox.submitApproval(input));
    await rejection(client(() => new Response('', { status: 403 })).knox.cancelApproval('AP-1', ''));
    await rejection(
      client(() => new Response('', { status: 502 }), { readAttempts: 2 }).knox.getApprovalDetail('AP-1'),
    );
    const after = await Promise.all([
      count('submit', 'success'),
      count('submit', 'fail'),
      count('cancel', 'http_error'),
      count('detail', 'unknown'),
    ]);
    expect(after.map((value, index) => value - before[index]!)).toEqual([1, 1, 1, 2]);
  });
});

describe('read retries', () => {
  it('retries an unknown outcome with exponential backoff and then succeeds', async () => {
    let attempt = 0;
    const { knox, calls } = client(
      () => {
        attempt += 1;
        return attempt < 4
          ? new Response('', { status: 503 })
          : ok({ apInfId: 'AP-1', subject: 's', status: '2', aplns: [] });
      },
      { readAttempts: 4 },
    );
    await expect(knox.getApprovalDetail('AP-1')).resolves.toMatchObject({ status: 2 });
    expect(calls).toHaveLength(4);
    // random() = 0.5: half of the ceiling fixed plus a quarter → 0.75 × 100, 200, 400.
    expect(sleeps).toEqual([75, 150, 300]);
  });

  it('gives up after readAttempts (default 3) with the last unknown outcome', async () => {
    const { knox, calls } = client(hang);
    const error = await rejection(knox.getApprovalStatuses(['AP-1']));
    expect(error).toMatchObject({ reason: 'timeout', endpoint: 'status' });
    expect(calls).toHaveLength(3);
    expect(sleeps).toHaveLength(2);
  });

  it('does not retry a definite refusal', async () => {
    const { knox, calls } = client(() => fail('SIM900', 'injected'));
    expect(await rejection(knox.getApprovalStatuses(['AP-1']))).toMatchObject({ code: 'SIM900' });
    expect(calls).toHaveLength(1);
  });

  it('backoff grows exponentially and stays within its jitter band', () => {
    expect(backoffDelayMs(1, 100, () => 0)).toBe(50);
    expect(backoffDelayMs(1, 100, () => 0.999999)).toBe(100);
    expect(backoffDelayMs(3, 100, () => 0)).toBe(200);
    expect(backoffDelayMs(3, 100, () => 0.999999)).toBe(400);
  });
});

describe('getApprovalStatuses', () => {
  const idsOf = (call: Call) => (call.body as { apinfid: string }[]).map((item) => item.apinfid);

  it('sends lower-case apinfid items and returns one result per asked id, in order', async () => {
    const { knox, calls } = client(() =>
      ok([
        { apInfId: 'B', docChgNum: 1, status: 2 },
        { apInfId: 'A', docChgNum: '0', status: '1' },
        { apInfId: 'NOT-ASKED', status: 3 },
      ]),
    );
    const results = await knox.getApprovalStatuses(['A', 'B', 'C', 'A']);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.url).toBe(`${BASE_URL}/approval/api/v2.0/approvals/status`);
    expect(calls[0]?.body).toEqual([{ apinfid: 'A' }, { apinfid: 'B' }, { apinfid: 'C' }]);
    expect(results).toEqual([
      { apInfId: 'A', found: true, status: 1, docChgNum: 0 },
      { apInfId: 'B', found: true, status: 2, docChgNum: 1 },
      { apInfId: 'C', found: false },
      { apInfId: 'A', found: true, status: 1, docChgNum: 0 },
    ]);
  });

  it('asks nothing for no ids', async () => {
    const { knox, calls } = client(() => ok([]));
    await expect(knox.getApprovalStatuses([])).resolves.toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('splits 250 ids into 3 calls of at most 100, never more than the concurrency limit at once', async () => {
    let active = 0;
    let peak = 0;
    const { knox, calls } = client(
      async (call) => {
        active += 1;
        peak = Math.max(peak, active);
        await new Promise((resolve) => setTimeout(resolve, 5));
        active -= 1;
        return ok(idsOf(call).map((apInfId) => ({ apInfId, docChgNum: 0, status: 1 })));
      },
      { statusConcurrency: 2 },
    );
    const ids = Array.from({ length: 250 }, (_, index) => `AP-${index}`);
    const results = await knox.getApprovalStatuses(ids);
    expect(calls.map((call) => idsOf(call).length)).toEqual([100, 100, 50]);
    expect(peak).toBe(2);
    expect(results).toHaveLength(250);
    expect(results.map((result) => result.apInfId)).toEqual(ids);
    expect(results.every((result) => result.found)).toBe(true);
  });

  it('splits a chunk Knox answers APE020 for, to find the ids that exist', async () => {
    const known = new Set(['K1', 'K2', 'K3']);
    const { knox, calls } = client((call) => {
      const ids = idsOf(call);
      if (ids.some((id) => !known.has(id)))
        return fail('APE020', '[apInfId] that request process does not exist');
      return ok(ids.map((apInfId) => ({ apInfId, status: '2' })));
    });
    const results = await knox.getApprovalStatuses(['K1', 'GONE1', 'K2', 'K3', 'GONE2']);
    expect(results).toEqual([
      { apInfId: 'K1', found: true, status: 2, docChgNum: 0 },
      { apInfId: 'GONE1', found: false },
      { apInfId: 'K2', found: true, status: 2, docChgNum: 0 },
      { apInfId: 'K3', found: true, status: 2, docChgNum: 0 },
      { apInfId: 'GONE2', found: false },
    ]);
    // 5 → [3: fail → [2: fail → 1, 1], [1]], [2: fail → 1, 1]
    expect(calls.length).toBeGreaterThan(1);
    expect(calls.every((call) => idsOf(call).length <= 5)).toBe(true);
  });

  it('stops splitting once Knox has shown that it leaves unknown ids out', async () => {
    // This Knox answers for the ids it knows and APE020 only when it knows none of them.
    const known = new Set(['K1']);
    const { knox, calls } = client((call) => {
      const entries = idsOf(call)
        .filter((id) => known.has(id))
        .map((apInfId) => ({ apInfId, status: 1 }));
      return entries.length > 0 ? ok(entries) : fail('APE020', 'does not exist');
    });
    // Before any evidence, a whole-chunk APE020 is split down to single ids: 4 ids → 7 calls.
    const first = await knox.getApprovalStatuses(['G1', 'G2', 'G3', 'G4']);
    expect(first.every((result) => !result.found)).toBe(true);
    expect(calls).toHaveLength(7);
    // A success that leaves G5 out is the evidence.
    await knox.getApprovalStatuses(['K1', 'G5']);
    expect(calls).toHaveLength(8);
    const ids = Array.from({ length: 100 }, (_, index) => `GONE-${index}`);
    const results = await knox.getApprovalStatuses(ids);
    expect(results).toEqual(ids.map((apInfId) => ({ apInfId, found: false })));
    expect(calls).toHaveLength(9);
  });

  it('refuses an entry with an unknown status alone and reads the rest of the answer', async () => {
    const unreadable = () =>
      metrics()
        .knoxUnreadableStatusEntries.get()
        .then((metric) => metric.values[0]?.value ?? 0);
    const before = await unreadable();
    const { knox, calls } = client(
      () =>
        ok([
          { apInfId: 'A', status: 7, docChgNum: 3 },
          { apInfId: 'B', status: '2', docChgNum: 4 },
          { apInfId: 'C', status: 'done' },
          { apInfId: 'D', status: 1 },
        ]),
      { readAttempts: 1 },
    );
    const results = await knox.getApprovalStatuses(['A', 'B', 'C', 'D', 'E']);
    expect(results).toEqual([
      { apInfId: 'A', found: 'unreadable', reason: expect.stringContaining('7') },
      { apInfId: 'B', found: true, status: 2, docChgNum: 4 },
      { apInfId: 'C', found: 'unreadable', reason: expect.stringContaining('status') },
      { apInfId: 'D', found: true, status: 1, docChgNum: 0 },
      { apInfId: 'E', found: false },
    ]);
    // Not retried: the answer was read; only its odd entries are left for the next call.
    expect(calls).toHaveLength(1);
    expect((await unreadable()) - before).toBe(2);
  });

  it('an entry whose apInfId cannot be read leaves every unanswered id unreadable, never missing', async () => {
    const { knox } = client(() => ok([{ apInfId: 'A', status: 1 }, { status: 2 }]), { readAttempts: 1 });
    expect(await knox.getApprovalStatuses(['A', 'B'])).toEqual([
      { apInfId: 'A', found: true, status: 1, docChgNum: 0 },
      { apInfId: 'B', found: 'unreadable', reason: expect.any(String) },
    ]);
  });

  it('still refuses an answer whose list itself is unreadable', async () => {
    const { knox } = client(() => ok({ apInfId: 'A', status: 1 }), { readAttempts: 1 });
    expect(await rejection(knox.getApprovalStatuses(['A']))).toMatchObject({ reason: 'invalid_response' });
  });
});
