/**
 * Fault tests: each fault the simulator injects (set through its control API, /sim/faults) must
 * reach the caller as the right error class: a definite refusal only when Knox really refused,
 * an unknown outcome whenever the request may have taken effect.
 */
import pino, { type Logger } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import {
  handleKnoxSimRequest,
  type KnoxSimulatorServer,
  seedKnoxSimPeople,
  startKnoxSimulatorServer,
} from '@/lib/knox-simulator';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/process-singleton';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { createKnoxApprovalClient } from './client';
import { KNOX_ERROR, KNOX_STATUS } from './codes';
import { KnoxRefusedError, KnoxUnknownOutcomeError } from './errors';
import type { KnoxClientConfig, SubmitApprovalInput } from './types';

let database: TestDatabase;
let server: KnoxSimulatorServer;

const previousLogger = peekProcessSingleton<Logger>('logger');

beforeAll(async () => {
  setProcessSingleton('logger', pino({ level: 'silent' }));
  database = await createTestDatabase();
  await seedKnoxSimPeople(database.db);
  server = await startKnoxSimulatorServer({ db: database.db, port: 0 });
});

afterEach(async () => {
  await setFaults(null);
});

afterAll(async () => {
  await server?.close();
  await database?.destroy();
  setProcessSingleton('logger', previousLogger);
});

/** Sets (or, with null, clears) the simulator's faults through its control API. */
async function setFaults(faults: Record<string, unknown> | null) {
  const response = await fetch(`${server.url}/sim/faults`, {
    method: faults ? 'POST' : 'DELETE',
    headers: {
      'content-type': 'application/json',
      'System-ID': SIMULATOR_SYSTEM_ID,
      Authorization: `Bearer ${SIMULATOR_TOKEN}`,
    },
    body: faults ? JSON.stringify(faults) : undefined,
  });
  const answer = (await response.json()) as { result: string };
  expect(answer.result).toBe('success');
}

/** A client whose HTTP calls are counted per path, over the real fetch. */
function countingClient(overrides: Partial<KnoxClientConfig> = {}) {
  const calls: string[] = [];
  const knox = createKnoxApprovalClient({
    baseUrl: server.url,
    systemId: SIMULATOR_SYSTEM_ID,
    token: SIMULATOR_TOKEN,
    timeoutMs: 5_000,
    retryBaseDelayMs: 5,
    fetch: (async (input: string | URL | Request, init?: RequestInit) => {
      calls.push(new URL(String(input)).pathname.split('/').pop()!);
      return fetch(input, init);
    }) as typeof fetch,
    ...overrides,
  });
  return { knox, calls };
}

let counter = 0;
const document = (): SubmitApprovalInput => ({
  apInfId: `FT-${process.pid}-${Date.now().toString(36)}-${++counter}`,
  subject: '장애 시험 문서',
  contents: '<p>fault</p>',
  drafter: { epId: 'E1001' },
  line: [{ epId: 'A2001', role: 'approve' }],
});

async function errorOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

/** Submits with no faults set, for tests that need an existing document. */
async function existing(): Promise<string> {
  const input = document();
  await countingClient().knox.submitApproval(input);
  return input.apInfId;
}

async function statusOf(apInfId: string) {
  const [result] = await countingClient().knox.getApprovalStatuses([apInfId]);
  return result;
}

describe('latency beyond the client time-out', () => {
  it('submit → unknown outcome (timeout), tried once', async () => {
    await setFaults({ latencyMs: 2_000 });
    const { knox, calls } = countingClient({ timeoutMs: 150 });
    const error = await errorOf(knox.submitApproval(document()));
    expect(error).toBeInstanceOf(KnoxUnknownOutcomeError);
    expect(error).toMatchObject({ reason: 'timeout', endpoint: 'submit' });
    expect(calls).toEqual(['submit']);
  });

  it('reads → retried up to readAttempts, then timeout', async () => {
    const apInfId = await existing();
    await setFaults({ latencyMs: 2_000 });
    const { knox, calls } = countingClient({ timeoutMs: 150, readAttempts: 2 });
    expect(await errorOf(knox.getApprovalDetail(apInfId))).toMatchObject({
      reason: 'timeout',
      endpoint: 'detail',
    });
    expect(calls).toEqual(['detail', 'detail']);
  });

  it('latency within the time-out is only slow', async () => {
    const apInfId = await existing();
    await setFaults({ latencyMs: 50 });
    const { knox } = countingClient({ timeoutMs: 5_000 });
    await expect(knox.getApprovalStatuses([apInfId])).resolves.toMatchObject([{ found: true, status: 1 }]);
  });
});

describe('HTTP 5xx', () => {
  it('submit → unknown outcome (http_5xx), tried once', async () => {
    await setFaults({ errorRate: 1 });
    const { knox, calls } = countingClient();
    expect(await errorOf(knox.submitApproval(document()))).toMatchObject({
      reason: 'http_5xx',
      endpoint: 'submit',
    });
    expect(calls).toEqual(['submit']);
  });

  it('cancel → unknown outcome (http_5xx), tried once', async () => {
    const apInfId = await existing();
    await setFaults({ errorRate: 1 });
    const { knox, calls } = countingClient();
    const error = await errorOf(knox.cancelApproval(apInfId, '취소'));
    expect(error).toBeInstanceOf(KnoxUnknownOutcomeError);
    expect(error).toMatchObject({ reason: 'http_5xx' });
    expect(calls).toEqual(['cancel']);
  });

  it('status → retried (3 attempts by default), then http_5xx', async () => {
    await setFaults({ errorRate: 1 });
    const { knox, calls } = countingClient();
    expect(await errorOf(knox.getApprovalStatuses(['FT-ANY']))).toMatchObject({ reason: 'http_5xx' });
    expect(calls).toEqual(['status', 'status', 'status']);
  });

  it('a read recovers when Knox does between two attempts', async () => {
    const apInfId = await existing();
    await setFaults({ errorRate: 1 });
    const calls: string[] = [];
    const { knox } = countingClient({
      fetch: (async (input: string | URL | Request, init?: RequestInit) => {
        calls.push('status');
        const response = await fetch(input, init);
        if (calls.length === 1) server.simulator.faults.clear(); // Knox comes back after the first 500
        return response;
      }) as typeof fetch,
    });
    await expect(knox.getApprovalStatuses([apInfId])).resolves.toEqual([
      { apInfId, found: true, status: KNOX_STATUS.IN_PROGRESS, docChgNum: 0 },
    ]);
    expect(calls).toHaveLength(2);
  });
});

describe('result "fail"', () => {
  it('submit → definite refusal with the injected code, nothing stored', async () => {
    await setFaults({ failRate: 1 });
    const { knox, calls } = countingClient();
    const input = document();
    const error = await errorOf(knox.submitApproval(input));
    expect(error).toBeInstanceOf(KnoxRefusedError);
    expect(error).toMatchObject({ code: KNOX_ERROR.INJECTED_FAILURE, httpStatus: 200 });
    expect(calls).toEqual(['submit']);
    await setFaults(null);
    expect(await statusOf(input.apInfId)).toEqual({ apInfId: input.apInfId, found: false });
  });

  it('reads → definite refusal, not retried', async () => {
    await setFaults({ failRate: 1 });
    const { knox, calls } = countingClient();
    expect(await errorOf(knox.getApprovalDetail('FT-ANY'))).toMatchObject({
      code: KNOX_ERROR.INJECTED_FAILURE,
    });
    expect(calls).toEqual(['detail']);
  });
});

describe('accept-then-drop', () => {
  it('submit → unknown outcome (network), and the document is stored: a status call finds it', async () => {
    await setFaults({ dropRate: 1 });
    const { knox, calls } = countingClient();
    const input = document();
    const error = await errorOf(knox.submitApproval(input));
    expect(error).toBeInstanceOf(KnoxUnknownOutcomeError);
    expect(error).toMatchObject({ reason: 'network', endpoint: 'submit' });
    expect(calls).toEqual(['submit']);
    // Reads are never dropped: settle the unknown outcome by asking Knox about our own id.
    expect(await statusOf(input.apInfId)).toEqual({
      apInfId: input.apInfId,
      found: true,
      status: KNOX_STATUS.IN_PROGRESS,
      docChgNum: 0,
    });
    // Submitting again would be refused as a duplicate, which is why submit is never retried.
    await setFaults(null);
    expect(await errorOf(knox.submitApproval(input))).toMatchObject({ code: KNOX_ERROR.DUPLICATE_ID });
  });

  it('cancel → unknown outcome (network), and the withdrawal took effect', async () => {
    const apInfId = await existing();
    await setFaults({ dropRate: 1 });
    const { knox, calls } = countingClient();
    expect(await errorOf(knox.cancelApproval(apInfId, '취소'))).toMatchObject({ reason: 'network' });
    expect(calls).toEqual(['cancel']);
    expect(await statusOf(apInfId)).toMatchObject({ found: true, status: KNOX_STATUS.WITHDRAWN });
  });
});

describe('outage', () => {
  it('submit and cancel → unknown outcome (network), tried once; nothing stored', async () => {
    const apInfId = await existing();
    await setFaults({ outage: true });
    const { knox, calls } = countingClient();
    const input = document();
    expect(await errorOf(knox.submitApproval(input))).toMatchObject({
      reason: 'network',
      endpoint: 'submit',
    });
    expect(await errorOf(knox.cancelApproval(apInfId, '취소'))).toMatchObject({ reason: 'network' });
    expect(calls).toEqual(['submit', 'cancel']);
    await setFaults(null);
    expect(await statusOf(input.apInfId)).toEqual({ apInfId: input.apInfId, found: false });
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.IN_PROGRESS });
  });

  it('reads → retried, then network', async () => {
    await setFaults({ outage: true });
    const { knox, calls } = countingClient({ readAttempts: 4 });
    const error = await errorOf(knox.getApprovalStatuses(['FT-ANY']));
    expect(error).toBeInstanceOf(KnoxUnknownOutcomeError);
    expect(error).toMatchObject({ reason: 'network', endpoint: 'status' });
    expect(calls).toEqual(['status', 'status', 'status', 'status']);
  });
});

describe('the simulator inside the app (the fetch-style handler behind /knox-sim routes)', () => {
  // Next route handlers cannot cut a connection: there a dropped answer is held until the client
  // gives up, and an outage answers 503. Same simulator instance (and faults) as the server above.
  const inApp = (overrides: Partial<KnoxClientConfig> = {}) =>
    countingClient({
      baseUrl: 'http://app.test/knox-sim',
      fetch: ((input: string | URL | Request, init?: RequestInit) =>
        new Promise<Response>((resolve, reject) => {
          const request = new Request(input, init);
          // Like the real fetch: the caller's abort rejects at once.
          init?.signal?.addEventListener('abort', () => reject(init.signal?.reason), { once: true });
          handleKnoxSimRequest(request, {
            simulator: server.simulator,
            basePath: '/knox-sim',
            ownOrigin: 'http://app.test',
          }).then(resolve, reject);
        })) as typeof fetch,
      ...overrides,
    }).knox;

  it('works without faults', async () => {
    const input = document();
    await expect(inApp().submitApproval(input)).resolves.toEqual({ apInfId: input.apInfId });
    await expect(inApp().getApprovalStatuses([input.apInfId])).resolves.toMatchObject([{ found: true }]);
  });

  it('accept-then-drop → the client times out (unknown outcome), and the document is stored', async () => {
    await setFaults({ dropRate: 1 });
    const input = document();
    expect(await errorOf(inApp({ timeoutMs: 200 }).submitApproval(input))).toMatchObject({
      reason: 'timeout',
      endpoint: 'submit',
    });
    expect(await statusOf(input.apInfId)).toMatchObject({ found: true, status: KNOX_STATUS.IN_PROGRESS });
  });

  it('outage → HTTP 503 → unknown outcome (http_5xx)', async () => {
    await setFaults({ outage: true });
    expect(await errorOf(inApp().submitApproval(document()))).toMatchObject({ reason: 'http_5xx' });
  });

  it('5xx and result "fail" classify as over the socket', async () => {
    await setFaults({ errorRate: 1 });
    expect(await errorOf(inApp().cancelApproval('FT-ANY', ''))).toMatchObject({ reason: 'http_5xx' });
    await setFaults({ errorRate: 0, failRate: 1 });
    expect(await errorOf(inApp().cancelApproval('FT-ANY', ''))).toMatchObject({
      code: KNOX_ERROR.INJECTED_FAILURE,
    });
  });
});
