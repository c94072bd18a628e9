/**
 * Contract suite: our Knox client against the bundled simulator over real HTTP (its standalone
 * server on an ephemeral port). Every endpoint, every status transition the control API can reach,
 * every error code, and both number encodings.
 */
import pino, { type Logger } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import {
  type KnoxSimulatorServer,
  type NumberEncoding,
  seedKnoxSimPeople,
  startKnoxSimulatorServer,
} from '@/lib/knox-simulator';
import { peekProcessSingleton, setProcessSingleton } from '@/lib/process-singleton';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { createKnoxApprovalClient, KNOX_APPROVAL_PATHS } from './client';
import { KNOX_ERROR, KNOX_LINE_STATUS, KNOX_STATUS } from './codes';
import { formatKnoxDateTime, parseKnoxDateTime } from './date-time';
import {
  KnoxAuthError,
  KnoxInvalidRequestError,
  KnoxNotFoundError,
  KnoxRefusedError,
  KnoxUnknownOutcomeError,
} from './errors';
import { toSubmitBody } from './mapping';
import type { ApprovalLineEntryInput, KnoxApprovalClient, SubmitApprovalInput } from './types';

// Demo directory (db/seed): E1001 김구매 (drafter), A2001 최팀장, A2002 정상무 (may decide 전결), E1002 이품질.
const DRAFTER = 'E1001';
const TEAM_LEAD = 'A2001';
const DIRECTOR = 'A2002';
const COLLEAGUE = 'E1002';
const EXTRA_PEOPLE = ['P3001', 'P3002', 'P3003'].map((epId, index) => ({
  epId,
  userId: `parallel${index}`,
  name: `병렬${index + 1}`,
  emailAddress: `parallel${index}@example.com`,
  companyName: '테스트',
  departmentName: '구매팀',
  titleName: '책임',
}));

let database: TestDatabase;
const servers: Partial<Record<NumberEncoding, KnoxSimulatorServer>> = {};
let knox: KnoxApprovalClient;
let url: string;

// Refusals are the point of many cases here; keep the client's warnings out of the output.
const previousLogger = peekProcessSingleton<Logger>('logger');

const clientFor = (baseUrl: string, overrides: { token?: string; systemId?: string } = {}) =>
  createKnoxApprovalClient({
    baseUrl,
    systemId: overrides.systemId ?? SIMULATOR_SYSTEM_ID,
    token: overrides.token ?? SIMULATOR_TOKEN,
    timeoutMs: 15_000,
    retryBaseDelayMs: 10,
  });

beforeAll(async () => {
  setProcessSingleton('logger', pino({ level: 'silent' }));
  database = await createTestDatabase();
  await seedKnoxSimPeople(database.db);
  await seedKnoxSimPeople(database.db, EXTRA_PEOPLE);
  servers.string = await startKnoxSimulatorServer({ db: database.db, port: 0 });
  servers.number = await startKnoxSimulatorServer({ db: database.db, port: 0, numberEncoding: 'number' });
  url = servers.string.url;
  knox = clientFor(url);
});

afterAll(async () => {
  await servers.string?.close();
  await servers.number?.close();
  await database?.destroy();
  setProcessSingleton('logger', previousLogger);
});

let counter = 0;
const newId = () => `CT-${process.pid}-${Date.now().toString(36)}-${++counter}`;

function document(
  line: ApprovalLineEntryInput[],
  overrides: Partial<SubmitApprovalInput> = {},
): SubmitApprovalInput {
  return {
    apInfId: newId(),
    subject: '계약 체결 품의',
    contents: '<h1>계약 체결</h1><p>금액: 1,000,000원</p>',
    drafter: { epId: DRAFTER, opinion: '검토 부탁드립니다.' },
    line,
    ...overrides,
  };
}

async function submit(line: ApprovalLineEntryInput[], overrides: Partial<SubmitApprovalInput> = {}) {
  const input = document(line, overrides);
  await expect(knox.submitApproval(input)).resolves.toEqual({ apInfId: input.apInfId });
  return input.apInfId;
}

/** The simulator's control API (/sim/act): an approver acts as in the inbox. */
async function act(
  apInfId: string,
  epId: string,
  action: 'approve' | 'reject' | 'arbitrary' | 'hold' | 'cancel',
  opinion?: string,
) {
  const response = await fetch(`${url}/sim/act`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'System-ID': SIMULATOR_SYSTEM_ID,
      Authorization: `Bearer ${SIMULATOR_TOKEN}`,
    },
    body: JSON.stringify({ apInfId, epId, action, opinion }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as
    | { result: 'success'; data: { apInfId: string; status: number; docChgNum: number } }
    | { result: 'fail'; errorDetail: { errorCode: string; errorMessage: string } };
}

async function actOk(...args: Parameters<typeof act>) {
  const answer = await act(...args);
  if (answer.result !== 'success') throw new Error(`act refused: ${JSON.stringify(answer)}`);
  return answer.data;
}

async function statusOf(apInfId: string) {
  const [result] = await knox.getApprovalStatuses([apInfId]);
  if (!result?.found) throw new Error(`${apInfId} not found`);
  return result;
}

const entryOf = async (apInfId: string, epId: string) =>
  (await knox.getApprovalDetail(apInfId)).aplns.find((entry) => entry.epId === epId)!;

async function refusalOf(promise: Promise<unknown>): Promise<KnoxRefusedError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof KnoxRefusedError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('endpoints', () => {
  it('submit → status → detail: the document as sent, the drafter acted, step one reached', async () => {
    const submittedAt = new Date('2026-11-21T14:59:30Z'); // 23:59:30 in Korea
    const apInfId = await submit(
      [
        { epId: TEAM_LEAD, role: 'approve' },
        { epId: DIRECTOR, role: 'approve', arbitrary: true },
      ],
      { submittedAt, urgent: true },
    );
    const status = await statusOf(apInfId);
    expect(status).toEqual({ apInfId, found: true, status: KNOX_STATUS.IN_PROGRESS, docChgNum: 0 });

    const detail = await knox.getApprovalDetail(apInfId);
    expect(detail).toMatchObject({
      apInfId,
      systemId: SIMULATOR_SYSTEM_ID,
      subject: '계약 체결 품의',
      contents: '<h1>계약 체결</h1><p>금액: 1,000,000원</p>',
      contentsType: 'HTML',
      status: 1,
      sbmDt: '20261121235930',
      timeZone: 'GMT+9',
      sbmLang: 'ko',
      urgYn: 'Y',
      docSecuType: 'PERSONAL',
      notifyOption: '0',
    });
    expect(parseKnoxDateTime(detail.sbmDt!).getTime()).toBe(submittedAt.getTime());
    expect(
      detail.aplns.map((entry) => [entry.epId, entry.seq, entry.role, entry.aplnStatsCode, entry.arbPmtYn]),
    ).toEqual([
      [DRAFTER, 0, 0, KNOX_LINE_STATUS.APPROVED, 'N'],
      [TEAM_LEAD, 1, 1, KNOX_LINE_STATUS.PENDING, 'N'],
      [DIRECTOR, 2, 1, KNOX_LINE_STATUS.PENDING, 'Y'],
    ]);
    const [drafter, teamLead, director] = detail.aplns;
    expect(drafter).toMatchObject({ name: '김구매', opinion: '검토 부탁드립니다.' });
    expect(drafter?.actPrssDt).toMatch(/^\d{14}$/);
    expect(teamLead?.docArvDt).toMatch(/^\d{14}$/);
    expect(teamLead?.actPrssDt ?? null).toBeNull();
    expect(director?.docArvDt ?? null).toBeNull(); // not its turn yet
  });

  it('status of many ids: one result per id, in order, unknown ids not found, across chunks', async () => {
    const a = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    const b = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    await actOk(b, TEAM_LEAD, 'approve');
    // 150 ids: chunk one (100) holds a and unknown ids, chunk two (50) holds b and unknown ids.
    const filler = Array.from({ length: 148 }, (_, index) => `CT-NONE-${index}`);
    const ids = [a, ...filler.slice(0, 99), b, ...filler.slice(99)];
    const results = await knox.getApprovalStatuses([...ids, a]);
    expect(results).toHaveLength(151);
    expect(results.map((result) => result.apInfId)).toEqual([...ids, a]);
    expect(results[0]).toEqual({ apInfId: a, found: true, status: 1, docChgNum: 0 });
    expect(results[100]).toEqual({ apInfId: b, found: true, status: 2, docChgNum: 1 });
    expect(results[150]).toEqual(results[0]);
    expect(results.filter((result) => result.found)).toHaveLength(3);
  });

  it('status of only unknown ids: APE020 from Knox, every id not found', async () => {
    await expect(knox.getApprovalStatuses(['CT-NONE-X', 'CT-NONE-Y', 'CT-NONE-Z'])).resolves.toEqual([
      { apInfId: 'CT-NONE-X', found: false },
      { apInfId: 'CT-NONE-Y', found: false },
      { apInfId: 'CT-NONE-Z', found: false },
    ]);
  });

  it('cancel (상신취소) → 4, with the opinion on the drafter entry', async () => {
    const apInfId = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    await knox.cancelApproval(apInfId, '요청 철회');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.WITHDRAWN, docChgNum: 1 });
    expect(await entryOf(apInfId, DRAFTER)).toMatchObject({ opinion: '요청 철회' });
  });
});

describe('status transitions', () => {
  it('결재 in order: 1 until the last approver approves, then 2 완결; opinions and times per entry', async () => {
    const apInfId = await submit([
      { epId: TEAM_LEAD, role: 'approve' },
      { epId: DIRECTOR, role: 'approve' },
    ]);
    const early = await act(apInfId, DIRECTOR, 'approve');
    expect(early).toMatchObject({
      result: 'fail',
      errorDetail: { errorCode: KNOX_ERROR.ACTION_NOT_ALLOWED },
    });

    await actOk(apInfId, TEAM_LEAD, 'approve', '확인했습니다');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.IN_PROGRESS, docChgNum: 1 });
    await actOk(apInfId, DIRECTOR, 'approve', '승인');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.COMPLETED, docChgNum: 2 });

    const detail = await knox.getApprovalDetail(apInfId);
    expect(detail.status).toBe(2);
    const lead = detail.aplns.find((entry) => entry.epId === TEAM_LEAD)!;
    const director = detail.aplns.find((entry) => entry.epId === DIRECTOR)!;
    expect(lead).toMatchObject({ aplnStatsCode: KNOX_LINE_STATUS.APPROVED, opinion: '확인했습니다' });
    expect(director).toMatchObject({ aplnStatsCode: KNOX_LINE_STATUS.APPROVED, opinion: '승인' });
    for (const entry of [lead, director]) {
      expect(() => parseKnoxDateTime(entry.actPrssDt!)).not.toThrow();
      expect(() => parseKnoxDateTime(entry.docArvDt!)).not.toThrow();
    }
  });

  it('전결 by an entry with arbPmtYn "Y" → 5, skipping the rest; refused without it', async () => {
    const apInfId = await submit([
      { epId: TEAM_LEAD, role: 'approve' },
      { epId: DIRECTOR, role: 'approve', arbitrary: true },
      { epId: COLLEAGUE, role: 'approve' },
    ]);
    expect(await act(apInfId, TEAM_LEAD, 'arbitrary')).toMatchObject({
      result: 'fail',
      errorDetail: { errorCode: KNOX_ERROR.ACTION_NOT_ALLOWED },
    });
    await actOk(apInfId, TEAM_LEAD, 'approve');
    await actOk(apInfId, DIRECTOR, 'arbitrary', '전결 처리');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.ARBITRARY_COMPLETED });
    expect(await entryOf(apInfId, DIRECTOR)).toMatchObject({
      aplnStatsCode: KNOX_LINE_STATUS.ARBITRARY,
      opinion: '전결 처리',
    });
    expect(await entryOf(apInfId, COLLEAGUE)).toMatchObject({ aplnStatsCode: KNOX_LINE_STATUS.PENDING });
  });

  it('반려 → 3, with the opinion', async () => {
    const apInfId = await submit([
      { epId: TEAM_LEAD, role: 'approve' },
      { epId: DIRECTOR, role: 'approve' },
    ]);
    await actOk(apInfId, TEAM_LEAD, 'reject', '예산 초과');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.REJECTED });
    expect(await entryOf(apInfId, TEAM_LEAD)).toMatchObject({
      aplnStatsCode: KNOX_LINE_STATUS.REJECTED,
      opinion: '예산 초과',
    });
  });

  it('보류 → 0, then the holder approves and it resumes', async () => {
    const apInfId = await submit([
      { epId: TEAM_LEAD, role: 'approve' },
      { epId: DIRECTOR, role: 'approve' },
    ]);
    await actOk(apInfId, TEAM_LEAD, 'hold', '자료 보완 후 검토');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.ON_HOLD, docChgNum: 1 });
    expect(await entryOf(apInfId, TEAM_LEAD)).toMatchObject({
      aplnStatsCode: KNOX_LINE_STATUS.PENDING,
      opinion: '자료 보완 후 검토',
    });
    await actOk(apInfId, TEAM_LEAD, 'approve');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.IN_PROGRESS });
    await actOk(apInfId, DIRECTOR, 'approve');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.COMPLETED });
  });

  it('a document on hold can still be withdrawn through the API', async () => {
    const apInfId = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    await actOk(apInfId, TEAM_LEAD, 'hold');
    await knox.cancelApproval(apInfId, '보류 중 철회');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.WITHDRAWN });
  });

  it('상신취소 by the drafter in the inbox → 4; nobody else may', async () => {
    const apInfId = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    expect(await act(apInfId, TEAM_LEAD, 'cancel')).toMatchObject({
      result: 'fail',
      errorDetail: { errorCode: KNOX_ERROR.ACTION_NOT_ALLOWED },
    });
    await actOk(apInfId, DRAFTER, 'cancel', '기안자 회수');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.WITHDRAWN });
  });

  it('합의 must agree before the next 결재', async () => {
    const apInfId = await submit([
      { epId: COLLEAGUE, role: 'agree' },
      { epId: TEAM_LEAD, role: 'approve' },
    ]);
    expect(await act(apInfId, TEAM_LEAD, 'approve')).toMatchObject({ result: 'fail' });
    await actOk(apInfId, COLLEAGUE, 'approve', '합의함');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.IN_PROGRESS });
    await actOk(apInfId, TEAM_LEAD, 'approve');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.COMPLETED });
    expect((await entryOf(apInfId, COLLEAGUE)).role).toBe(2);
  });

  it('통보 never blocks and is delivered when the document is final', async () => {
    const apInfId = await submit([
      { epId: TEAM_LEAD, role: 'approve' },
      { epId: COLLEAGUE, role: 'notify' },
    ]);
    expect((await entryOf(apInfId, COLLEAGUE)).docArvDt ?? null).toBeNull();
    await actOk(apInfId, TEAM_LEAD, 'approve');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.COMPLETED });
    const notified = await entryOf(apInfId, COLLEAGUE);
    expect(notified).toMatchObject({ role: 9, aplnStatsCode: KNOX_LINE_STATUS.PENDING });
    expect(notified.docArvDt).toMatch(/^\d{14}$/);
  });

  it('후결: 6 후완결 once the approvers are done, 2 when the post-approver approves', async () => {
    const apInfId = await submit([
      { epId: TEAM_LEAD, role: 'approve' },
      { epId: DIRECTOR, role: 'post_approve' },
    ]);
    await actOk(apInfId, TEAM_LEAD, 'approve');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.POST_COMPLETED });
    await actOk(apInfId, DIRECTOR, 'approve');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.COMPLETED });
  });

  it('adjacent 병렬결재 entries share one step: all must approve before the next', async () => {
    const input = document([
      { epId: 'P3001', role: 'parallel_approve' },
      { epId: 'P3002', role: 'parallel_approve' },
      { epId: 'P3003', role: 'parallel_agree' },
      { epId: TEAM_LEAD, role: 'approve' },
    ]);
    await knox.submitApproval(input);
    const apInfId = input.apInfId;
    const detail = await knox.getApprovalDetail(apInfId);
    expect(detail.aplns.map((entry) => [entry.epId, entry.seq, entry.role])).toEqual([
      [DRAFTER, 0, 0],
      ['P3001', 1, 7],
      ['P3002', 1, 7],
      ['P3003', 2, 4],
      [TEAM_LEAD, 3, 1],
    ]);
    expect(detail.aplns[2]?.docArvDt).toMatch(/^\d{14}$/); // both parallel approvers reached at once
    await actOk(apInfId, 'P3002', 'approve');
    expect(await act(apInfId, 'P3003', 'approve')).toMatchObject({ result: 'fail' });
    await actOk(apInfId, 'P3001', 'approve');
    await actOk(apInfId, 'P3003', 'approve');
    await actOk(apInfId, TEAM_LEAD, 'approve');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.COMPLETED, docChgNum: 4 });
  });
});

describe('error codes', () => {
  it('APE020 for an unknown id: detail and cancel → KnoxNotFoundError', async () => {
    const detail = await refusalOf(knox.getApprovalDetail('CT-NEVER-SUBMITTED'));
    expect(detail).toBeInstanceOf(KnoxNotFoundError);
    expect(detail).toMatchObject({ code: 'APE020', httpStatus: 200, endpoint: 'detail' });
    expect(detail.message).toContain('does not exist');
    expect(await refusalOf(knox.cancelApproval('CT-NEVER-SUBMITTED', 'x'))).toBeInstanceOf(KnoxNotFoundError);
  });

  it('a second submit with the same apInfId is refused and changes nothing', async () => {
    const input = document([{ epId: TEAM_LEAD, role: 'approve' }]);
    await knox.submitApproval(input);
    const again = await refusalOf(knox.submitApproval({ ...input, subject: '다른 제목' }));
    expect(again).not.toBeInstanceOf(KnoxNotFoundError);
    expect(again).toMatchObject({ code: KNOX_ERROR.DUPLICATE_ID, endpoint: 'submit' });
    expect((await knox.getApprovalDetail(input.apInfId)).subject).toBe('계약 체결 품의');
  });

  it('validation: a line with nobody who approves, and an unknown EP ID, are refused', async () => {
    const onlyNotify = document([{ epId: COLLEAGUE, role: 'notify' }]);
    expect(await refusalOf(knox.submitApproval(onlyNotify))).toMatchObject({ code: KNOX_ERROR.INVALID_LINE });
    const stranger = document([{ epId: 'X9999', role: 'approve' }]);
    const refused = await refusalOf(knox.submitApproval(stranger));
    expect(refused).toMatchObject({ code: KNOX_ERROR.UNKNOWN_PERSON });
    expect(refused.message).toContain('X9999');
    const results = await knox.getApprovalStatuses([onlyNotify.apInfId, stranger.apInfId]);
    expect(results.every((result) => !result.found)).toBe(true);
  });

  it('validation: an empty line is refused by the client before sending, and by Knox if sent', async () => {
    const input = document([]);
    expect(await refusalOf(knox.submitApproval(input))).toBeInstanceOf(KnoxInvalidRequestError);
    // The same body with only the drafter, sent raw: Knox's own refusal.
    const response = await fetch(`${url}${KNOX_APPROVAL_PATHS.submit}`, {
      method: 'POST',
      headers: {
        'System-ID': SIMULATOR_SYSTEM_ID,
        Authorization: `Bearer ${SIMULATOR_TOKEN}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        subject: 's',
        contents: '<p>c</p>',
        contentsType: 'HTML',
        docSecuType: 'PERSONAL',
        notifyOption: '0',
        urgYn: 'N',
        importantYn: 'N',
        sbmDt: formatKnoxDateTime(new Date()),
        timeZone: 'GMT+9',
        docMngSaveCode: '0',
        sbmLang: 'ko',
        apInfId: input.apInfId,
        aplns: [],
        attachments: [],
      }),
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      result: 'fail',
      errorDetail: { errorCode: KNOX_ERROR.INVALID_LINE },
    });
  });

  it('malformed requests (which the client never sends) are refused with SIM002', async () => {
    const post = async (path: string, body: string) => {
      const response = await fetch(`${url}${path}`, {
        method: 'POST',
        headers: {
          'System-ID': SIMULATOR_SYSTEM_ID,
          Authorization: `Bearer ${SIMULATOR_TOKEN}`,
          'Content-Type': 'application/json',
        },
        body,
      });
      expect(response.status).toBe(200);
      return response.json();
    };
    const refused = { result: 'fail', errorDetail: { errorCode: KNOX_ERROR.INVALID_REQUEST } };
    expect(await post(KNOX_APPROVAL_PATHS.submit, '{not json')).toMatchObject(refused);
    const body = {
      ...toSubmitBody(document([{ epId: TEAM_LEAD, role: 'approve' }])),
      sbmDt: 'yesterday',
    };
    expect(await post(KNOX_APPROVAL_PATHS.submit, JSON.stringify(body))).toMatchObject(refused);
    const tooMany = Array.from({ length: 101 }, (_, index) => ({ apinfid: `CT-MANY-${index}` }));
    expect(await post(KNOX_APPROVAL_PATHS.status, JSON.stringify(tooMany))).toMatchObject(refused);
    const apInfId = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    expect(
      await post(KNOX_APPROVAL_PATHS.cancel(apInfId), JSON.stringify({ apInfId: 'CT-OTHER', opinion: '' })),
    ).toMatchObject(refused);
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.IN_PROGRESS, docChgNum: 0 });
  });

  it('cancel is refused once the document is complete', async () => {
    const apInfId = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    await actOk(apInfId, TEAM_LEAD, 'approve');
    const refused = await refusalOf(knox.cancelApproval(apInfId, '늦은 취소'));
    expect(refused).toMatchObject({ code: KNOX_ERROR.CANCEL_NOT_ALLOWED, endpoint: 'cancel' });
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.COMPLETED, docChgNum: 1 });
  });

  it('401 with a wrong token or System-ID → KnoxAuthError on every endpoint', async () => {
    const apInfId = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    for (const intruder of [
      clientFor(url, { token: 'wrong-token' }),
      clientFor(url, { systemId: 'OTHER' }),
    ]) {
      for (const call of [
        () => intruder.submitApproval(document([{ epId: TEAM_LEAD, role: 'approve' }])),
        () => intruder.getApprovalStatuses([apInfId]),
        () => intruder.getApprovalDetail(apInfId),
        () => intruder.cancelApproval(apInfId, 'x'),
      ]) {
        const refused = await refusalOf(call());
        expect(refused).toBeInstanceOf(KnoxAuthError);
        expect(refused).toMatchObject({ httpStatus: 401, code: '900901' });
      }
    }
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.IN_PROGRESS, docChgNum: 0 });
  });
});

describe('number encodings', () => {
  it('a Knox that sends JSON numbers reads the same as one that sends strings', async () => {
    const apInfId = await submit([
      { epId: TEAM_LEAD, role: 'approve' },
      { epId: DIRECTOR, role: 'approve' },
    ]);
    await actOk(apInfId, TEAM_LEAD, 'approve', '좋습니다');
    const numeric = clientFor(servers.number!.url);

    // What is on the wire really differs.
    const raw = async (base: string) => {
      const response = await fetch(`${base}${KNOX_APPROVAL_PATHS.status}`, {
        method: 'POST',
        headers: {
          'System-ID': SIMULATOR_SYSTEM_ID,
          Authorization: `Bearer ${SIMULATOR_TOKEN}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify([{ apinfid: apInfId }]),
      });
      return ((await response.json()) as { data: Array<Record<string, unknown>> }).data[0];
    };
    expect(await raw(servers.string!.url)).toMatchObject({ status: '1', docChgNum: '1' });
    expect(await raw(servers.number!.url)).toMatchObject({ status: 1, docChgNum: 1 });

    expect(await numeric.getApprovalStatuses([apInfId])).toEqual(await knox.getApprovalStatuses([apInfId]));
    expect(await numeric.getApprovalDetail(apInfId)).toEqual(await knox.getApprovalDetail(apInfId));

    // And the numeric Knox accepts our (string-encoded) writes too.
    await numeric.cancelApproval(apInfId, '숫자 인코딩 취소');
    expect(await statusOf(apInfId)).toMatchObject({ status: KNOX_STATUS.WITHDRAWN });
    const fromNumeric = document([{ epId: TEAM_LEAD, role: 'approve' }]);
    await expect(numeric.submitApproval(fromNumeric)).resolves.toEqual({ apInfId: fromNumeric.apInfId });
  });
});

describe('what the client cannot misread', () => {
  it('an unknown outcome never comes from a healthy simulator', async () => {
    const apInfId = await submit([{ epId: TEAM_LEAD, role: 'approve' }]);
    const calls = [
      knox.getApprovalStatuses([apInfId]),
      knox.getApprovalDetail(apInfId),
      knox.cancelApproval(apInfId, 'x'),
    ];
    for (const result of await Promise.allSettled(calls)) {
      if (result.status === 'rejected') expect(result.reason).not.toBeInstanceOf(KnoxUnknownOutcomeError);
    }
  });
});
