import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KNOX_ERROR } from '@/lib/knox-api/approval/codes';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { seedKnoxSimPeople } from './people';
import { KnoxSimulator, type SimResult } from './simulator';
import { drafter, type LineSpec, steppingClock, submitBody } from './test-fixtures';

let database: TestDatabase;
let sim: KnoxSimulator;
let counter = 0;
const nextId = (prefix: string) => `${prefix}-${++counter}`;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedKnoxSimPeople(database.db);
  sim = new KnoxSimulator({
    db: database.db,
    systemId: 'SYS',
    token: 'secret',
    clock: steppingClock(),
  });
});
afterAll(() => database?.destroy());

function ok<T>(result: SimResult<T>): T {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.message}`);
  return result.data;
}

async function submitted(line: LineSpec[], prefix = 'doc') {
  const apInfId = nextId(prefix);
  ok(await sim.submit(submitBody(apInfId, line)));
  return apInfId;
}

async function statusOf(apInfId: string) {
  const [entry] = ok(await sim.status([{ apinfid: apInfId }]));
  return { status: Number(entry!.status), docChgNum: Number(entry!.docChgNum) };
}

async function detailLines(apInfId: string) {
  const detail = ok(await sim.detail(apInfId)) as { aplns: Array<Record<string, unknown>> };
  return detail.aplns;
}

const act = (apInfId: string, epId: string, action: string, opinion?: string) =>
  sim.act({ apInfId, epId, action, opinion });

describe('submit', () => {
  it('stores the document in progress, the drafter done, only the first step arrived', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'A2001', seq: 1, role: 1 },
      { epId: 'A2002', seq: 2, role: 1 },
    ]);
    expect(await statusOf(apInfId)).toEqual({ status: 1, docChgNum: 0 });
    const detail = ok(await sim.detail(apInfId)) as Record<string, unknown>;
    expect(detail).toMatchObject({
      apInfId,
      systemId: 'SYS',
      status: '1',
      contentsType: 'HTML',
      sbmDt: '20261121140000',
    });
    const [draft, first, second] = await detailLines(apInfId);
    expect(draft).toMatchObject({
      epId: 'E1001',
      seq: '0',
      role: '0',
      aplnStatsCode: '1',
      opinion: '검토 부탁드립니다.',
      name: '김구매',
      companyName: '한국정밀산업(주)',
      departmentName: '구매팀',
      titleName: '선임',
    });
    expect(draft!.actPrssDt).toMatch(/^\d{14}$/);
    expect(first).toMatchObject({
      epId: 'A2001',
      aplnStatsCode: '0',
      name: '최팀장',
      titleName: '팀장',
      actPrssDt: null,
    });
    expect(first!.docArvDt).toMatch(/^20261121\d{6}$/);
    expect(second).toMatchObject({ epId: 'A2002', docArvDt: null });
  });

  it('refuses a second submit with the same apInfId and keeps the first', async () => {
    const apInfId = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    const again = await sim.submit(
      submitBody(apInfId, [drafter('E1002'), { epId: 'A2002', seq: 1, role: 1 }]),
    );
    expect(again).toMatchObject({ ok: false, code: KNOX_ERROR.DUPLICATE_ID });
    expect((await detailLines(apInfId))[0]).toMatchObject({ epId: 'E1001' });
  });

  it.each([
    ['a missing subject', { subject: undefined }, KNOX_ERROR.INVALID_REQUEST, /subject/],
    ['a malformed apInfId', { apInfId: 'has space' }, KNOX_ERROR.INVALID_REQUEST, /apInfId/],
    ['an apInfId over 32 characters', { apInfId: 'x'.repeat(33) }, KNOX_ERROR.INVALID_REQUEST, /32/],
    ['a bad sbmDt', { sbmDt: '2026-11-21' }, KNOX_ERROR.INVALID_REQUEST, /yyyyMMddHHmmss/],
    ['an empty approval line', { aplns: [] }, KNOX_ERROR.INVALID_LINE, /empty/],
    ['no approval line at all', { aplns: undefined }, KNOX_ERROR.INVALID_LINE, /aplns/],
  ])('refuses %s and stores nothing', async (_name, overrides, code, message) => {
    const apInfId = nextId('bad');
    const body = submitBody(apInfId, [drafter(), { epId: 'A2001', seq: 1, role: 1 }], overrides);
    const result = await sim.submit(body);
    expect(result).toMatchObject({ ok: false, code });
    expect((result as { message: string }).message).toMatch(message);
    expect(await sim.status([{ apinfid: apInfId }])).toMatchObject({ ok: false, code: KNOX_ERROR.NOT_FOUND });
  });

  it.each([
    ['no drafter', [{ epId: 'A2001', seq: 1, role: 1 }], /drafter/],
    [
      'two drafters',
      [drafter(), drafter('E1002'), { epId: 'A2001', seq: 1, role: 1 }],
      /exactly one drafter/,
    ],
    ['no approver', [drafter(), { epId: 'E9001', seq: 1, role: 9 }], /no approver/],
    ['an unknown role', [drafter(), { epId: 'A2001', seq: 1, role: 8 }], /unknown role 8/],
    ['an approver at seq 0', [drafter(), { epId: 'A2001', seq: 0, role: 1 }], /seq/],
    [
      'a person twice in one step',
      [drafter(), { epId: 'A2001', seq: 1, role: 7 }, { epId: 'A2001', seq: 1, role: 7 }],
      /twice/,
    ],
  ])('refuses a line with %s', async (_name, line, message) => {
    const result = await sim.submit(submitBody(nextId('line'), line as LineSpec[]));
    expect(result).toMatchObject({ ok: false, code: KNOX_ERROR.INVALID_LINE });
    expect((result as { message: string }).message).toMatch(message);
  });

  it('refuses a line naming an EP ID Knox does not know', async () => {
    const apInfId = nextId('who');
    const result = await sim.submit(submitBody(apInfId, [drafter(), { epId: 'X9999', seq: 1, role: 1 }]));
    expect(result).toMatchObject({ ok: false, code: KNOX_ERROR.UNKNOWN_PERSON });
    expect((result as { message: string }).message).toContain('X9999');
    expect(await sim.detail(apInfId)).toMatchObject({ ok: false, code: KNOX_ERROR.NOT_FOUND });
  });
});

describe('status and detail', () => {
  it('returns known ids in the order asked and leaves unknown ones out', async () => {
    const a = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    const b = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    const data = ok(await sim.status([{ apinfid: b }, { apinfid: 'nope' }, { apinfid: a }]));
    expect(data.map((entry) => entry.apInfId)).toEqual([b, a]);
  });

  it('answers APE020 when no id is known, for status, detail and cancel', async () => {
    const notFound = { ok: false, code: 'APE020', message: '[apInfId] that request process does not exist' };
    expect(await sim.status([{ apinfid: 'nope-1' }, { apinfid: 'nope-2' }])).toEqual(notFound);
    expect(await sim.detail('nope-1')).toEqual(notFound);
    expect(await sim.cancel('nope-1', { apInfId: 'nope-1', opinion: '' })).toEqual(notFound);
  });

  it('refuses more than 100 ids in one status call, and a body that is not a list', async () => {
    const many = Array.from({ length: 101 }, (_, index) => ({ apinfid: `id-${index}` }));
    expect(await sim.status(many)).toMatchObject({ ok: false, code: KNOX_ERROR.INVALID_REQUEST });
    expect(await sim.status({ apinfid: 'x' })).toMatchObject({ ok: false, code: KNOX_ERROR.INVALID_REQUEST });
    expect(await sim.status([])).toMatchObject({ ok: false, code: KNOX_ERROR.INVALID_REQUEST });
  });

  it('does not show another System-ID its documents', async () => {
    const apInfId = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    expect(await sim.status([{ apinfid: apInfId }], 'OTHER')).toMatchObject({ ok: false, code: 'APE020' });
    expect(await sim.detail(apInfId, 'OTHER')).toMatchObject({ ok: false, code: 'APE020' });
  });

  it('emits JSON numbers when asked to', async () => {
    const numeric = new KnoxSimulator({
      db: database.db,
      systemId: 'SYS',
      token: 'secret',
      numberEncoding: 'number',
    });
    const apInfId = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    expect(ok(await numeric.status([{ apinfid: apInfId }]))).toEqual([{ apInfId, docChgNum: 0, status: 1 }]);
    const detail = ok(await numeric.detail(apInfId)) as {
      status: unknown;
      sbmDt: unknown;
      aplns: Array<Record<string, unknown>>;
    };
    expect(detail.status).toBe(1);
    expect(detail.sbmDt).toBe(20261121140000);
    expect(detail.aplns[1]).toMatchObject({ seq: 1, role: 1, aplnStatsCode: 0 });
  });
});

describe('the approval line', () => {
  it('goes step by step by seq and completes with the last approval (2), counting every change', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'A2001', seq: 1, role: 1 },
      { epId: 'A2002', seq: 2, role: 1 },
    ]);
    expect(await act(apInfId, 'A2002', 'approve')).toMatchObject({
      ok: false,
      code: KNOX_ERROR.ACTION_NOT_ALLOWED,
    });
    expect(await act(apInfId, 'E9001', 'approve')).toMatchObject({
      ok: false,
      message: expect.stringContaining('not on this document'),
    });
    expect(ok(await act(apInfId, 'A2001', 'approve', '확인했습니다.'))).toEqual({
      apInfId,
      status: 1,
      docChgNum: 1,
    });
    const [, first, second] = await detailLines(apInfId);
    expect(first).toMatchObject({ aplnStatsCode: '1', opinion: '확인했습니다.' });
    expect(first!.actPrssDt).toMatch(/^\d{14}$/);
    expect(second!.docArvDt).toMatch(/^\d{14}$/);
    expect(ok(await act(apInfId, 'A2002', 'approve'))).toEqual({ apInfId, status: 2, docChgNum: 2 });
    expect(await statusOf(apInfId)).toEqual({ status: 2, docChgNum: 2 });
    expect(await act(apInfId, 'A2002', 'approve')).toMatchObject({
      ok: false,
      message: expect.stringContaining('no longer in progress'),
    });
  });

  it('waits for 합의 before the next 결재', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'E1002', seq: 1, role: 2 },
      { epId: 'A2001', seq: 2, role: 1 },
    ]);
    expect(await act(apInfId, 'A2001', 'approve')).toMatchObject({
      ok: false,
      code: KNOX_ERROR.ACTION_NOT_ALLOWED,
    });
    expect(ok(await act(apInfId, 'E1002', 'approve', '합의합니다.')).status).toBe(1);
    expect(ok(await act(apInfId, 'A2001', 'approve')).status).toBe(2);
  });

  it('rejects when a 합의 entry disagrees', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'E1002', seq: 1, role: 2 },
      { epId: 'A2001', seq: 2, role: 1 },
    ]);
    expect(ok(await act(apInfId, 'E1002', 'reject', '이견 있음')).status).toBe(3);
  });

  it('never waits for 통보, and delivers it when the document is decided', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'E9001', seq: 1, role: 9 },
      { epId: 'A2001', seq: 2, role: 1 },
    ]);
    expect(await act(apInfId, 'E9001', 'approve')).toMatchObject({ ok: false });
    expect((await detailLines(apInfId))[1]).toMatchObject({ epId: 'E9001', docArvDt: null });
    expect(ok(await act(apInfId, 'A2001', 'approve')).status).toBe(2);
    const notify = (await detailLines(apInfId))[1]!;
    expect(notify.docArvDt).toMatch(/^\d{14}$/);
    expect(notify.aplnStatsCode).toBe('0');
  });

  it('needs every parallel entry of a step (roles 4 and 7 sharing a seq)', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'E1002', seq: 1, role: 4 },
      { epId: 'A2001', seq: 1, role: 7 },
      { epId: 'A2002', seq: 2, role: 1 },
    ]);
    const lines = await detailLines(apInfId);
    expect(lines[1]!.docArvDt).toMatch(/^\d{14}$/);
    expect(lines[2]!.docArvDt).toMatch(/^\d{14}$/);
    expect(ok(await act(apInfId, 'A2001', 'approve')).status).toBe(1);
    expect(await act(apInfId, 'A2002', 'approve')).toMatchObject({ ok: false });
    expect(ok(await act(apInfId, 'E1002', 'approve')).status).toBe(1);
    expect(ok(await act(apInfId, 'A2002', 'approve')).status).toBe(2);
  });

  it('goes to 후완결 (6) with a 후결 entry pending, then 완결 once it approves', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'A2001', seq: 1, role: 1 },
      { epId: 'A2002', seq: 2, role: 3 },
    ]);
    expect(await act(apInfId, 'A2002', 'approve')).toMatchObject({ ok: false });
    expect(ok(await act(apInfId, 'A2001', 'approve')).status).toBe(6);
    expect(await act(apInfId, 'A2002', 'reject')).toMatchObject({
      ok: false,
      code: KNOX_ERROR.ACTION_NOT_ALLOWED,
    });
    expect(await sim.cancel(apInfId, { apInfId })).toMatchObject({
      ok: false,
      code: KNOX_ERROR.CANCEL_NOT_ALLOWED,
    });
    expect(ok(await act(apInfId, 'A2002', 'approve', '사후 확인')).status).toBe(2);
  });

  it('decides 전결 (5) by an entry allowed to, leaving the rest undecided', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'A2001', seq: 1, role: 1 },
      { epId: 'A2002', seq: 2, role: 1, arb: true },
      { epId: 'E9001', seq: 3, role: 1 },
    ]);
    expect(await act(apInfId, 'A2001', 'arbitrary')).toMatchObject({
      ok: false,
      code: KNOX_ERROR.ACTION_NOT_ALLOWED,
      message: expect.stringContaining('arbPmtYn'),
    });
    ok(await act(apInfId, 'A2001', 'approve'));
    expect(ok(await act(apInfId, 'A2002', 'arbitrary', '전결 처리')).status).toBe(5);
    const lines = await detailLines(apInfId);
    expect(lines[2]).toMatchObject({ aplnStatsCode: '3', opinion: '전결 처리' });
    expect(lines[3]).toMatchObject({ aplnStatsCode: '0', actPrssDt: null });
    expect(await act(apInfId, 'E9001', 'approve')).toMatchObject({ ok: false });
  });

  it('rejects (3) on any rejection and keeps the opinion on that entry', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'A2001', seq: 1, role: 1 },
      { epId: 'A2002', seq: 2, role: 1 },
    ]);
    expect(ok(await act(apInfId, 'A2001', 'reject', '예산 초과'))).toMatchObject({ status: 3, docChgNum: 1 });
    expect((await detailLines(apInfId))[1]).toMatchObject({ aplnStatsCode: '2', opinion: '예산 초과' });
    expect(await act(apInfId, 'A2002', 'approve')).toMatchObject({ ok: false });
  });

  it('holds (0) and resumes when the holder decides', async () => {
    const apInfId = await submitted([
      drafter(),
      { epId: 'A2001', seq: 1, role: 1 },
      { epId: 'A2002', seq: 2, role: 1 },
    ]);
    expect(ok(await act(apInfId, 'A2001', 'hold', '자료 보완 대기'))).toMatchObject({
      status: 0,
      docChgNum: 1,
    });
    const held = (await detailLines(apInfId))[1]!;
    expect(held).toMatchObject({ aplnStatsCode: '0', opinion: '자료 보완 대기', actPrssDt: null });
    expect(held.docOpenDt).toMatch(/^\d{14}$/);
    expect(await act(apInfId, 'A2001', 'hold')).toMatchObject({
      ok: false,
      message: expect.stringContaining('on hold'),
    });
    expect(ok(await act(apInfId, 'A2001', 'approve')).status).toBe(1);
    expect(ok(await act(apInfId, 'A2002', 'approve')).status).toBe(2);
  });
});

describe('상신취소', () => {
  it('withdraws (4) a document in progress or on hold, with the opinion on the drafter entry', async () => {
    const running = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    expect(ok(await sim.cancel(running, { apInfId: running, opinion: '내용 수정 후 재상신' }))).toEqual({
      apInfId: running,
    });
    expect(await statusOf(running)).toEqual({ status: 4, docChgNum: 1 });
    expect((await detailLines(running))[0]).toMatchObject({ opinion: '내용 수정 후 재상신' });
    expect(await act(running, 'A2001', 'approve')).toMatchObject({ ok: false });

    const held = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    ok(await act(held, 'A2001', 'hold'));
    ok(await sim.cancel(held, { apInfId: held }));
    expect(await statusOf(held)).toEqual({ status: 4, docChgNum: 2 });
  });

  it('refuses to withdraw a decided document, or a body naming another document', async () => {
    const apInfId = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    expect(await sim.cancel(apInfId, { apInfId: 'other-id', opinion: '' })).toMatchObject({
      ok: false,
      code: KNOX_ERROR.INVALID_REQUEST,
    });
    ok(await act(apInfId, 'A2001', 'approve'));
    expect(await sim.cancel(apInfId, { apInfId, opinion: '' })).toMatchObject({
      ok: false,
      code: KNOX_ERROR.CANCEL_NOT_ALLOWED,
    });
    expect(await sim.cancel(apInfId, { apInfId, opinion: '' })).toMatchObject({ ok: false });
    expect(await statusOf(apInfId)).toEqual({ status: 2, docChgNum: 1 });
  });

  it('lets only the drafter withdraw through the control API', async () => {
    const apInfId = await submitted([drafter(), { epId: 'A2001', seq: 1, role: 1 }]);
    expect(await act(apInfId, 'A2001', 'cancel')).toMatchObject({
      ok: false,
      code: KNOX_ERROR.ACTION_NOT_ALLOWED,
    });
    expect(ok(await act(apInfId, 'E1001', 'cancel', '철회')).status).toBe(4);
  });
});

describe('control API and inbox', () => {
  it('validates act input', async () => {
    expect(await sim.act({ apInfId: 'x', epId: 'A2001', action: 'sign' })).toMatchObject({
      ok: false,
      code: KNOX_ERROR.INVALID_REQUEST,
    });
    expect(await sim.act({ apInfId: 'x', action: 'approve' })).toMatchObject({
      ok: false,
      code: KNOX_ERROR.INVALID_REQUEST,
    });
    expect(await sim.act({ apInfId: 'unknown-doc', epId: 'A2001', action: 'approve' })).toMatchObject({
      ok: false,
      code: 'APE020',
    });
  });

  it("lists a person's documents by tab and records when they open one", async () => {
    const fresh = new KnoxSimulator({
      db: database.db,
      systemId: 'INBOX',
      token: 't',
      clock: steppingClock(),
    });
    const id = nextId('inbox');
    ok(
      await fresh.submit(
        submitBody(id, [
          drafter('E1002'),
          { epId: 'A2001', seq: 1, role: 1 },
          { epId: 'A2002', seq: 2, role: 1 },
        ]),
      ),
    );
    const waiting = ok(await fresh.inbox('A2001'));
    expect(waiting.find((item) => item.apInfId === id)).toMatchObject({
      status: 1,
      drafter: { epId: 'E1002', name: '이품질' },
      myRoles: [1],
      waitingFor: ['최팀장'],
      unread: true,
    });
    expect(ok(await fresh.inbox('A2002')).some((item) => item.apInfId === id)).toBe(false);
    expect((await fresh.listDocuments('E1002', 'progress')).some((item) => item.apInfId === id)).toBe(true);

    await fresh.openDocument(id, 'A2001');
    const opened = (await fresh.getDocument(id))!.lines.find((line) => line.epId === 'A2001')!;
    expect(opened.docOpenDt).toMatch(/^\d{14}$/);
    expect((await fresh.listDocuments('A2001', 'waiting')).find((item) => item.apInfId === id)?.unread).toBe(
      false,
    );
    await fresh.openDocument(id, 'A2002'); // not arrived yet: nothing to open
    expect((await fresh.getDocument(id))!.lines.find((line) => line.epId === 'A2002')!.docOpenDt).toBeNull();
    expect(await fresh.getDocument(id)).toMatchObject({ docChgNum: 0 });

    ok(await fresh.act({ apInfId: id, epId: 'A2001', action: 'approve' }));
    expect((await fresh.listDocuments('A2001', 'progress')).some((item) => item.apInfId === id)).toBe(true);
    ok(await fresh.act({ apInfId: id, epId: 'A2002', action: 'approve' }));
    for (const person of ['E1002', 'A2001', 'A2002']) {
      expect((await fresh.listDocuments(person, 'done')).some((item) => item.apInfId === id)).toBe(true);
    }
    expect(await fresh.inbox(' ')).toMatchObject({ ok: false, code: KNOX_ERROR.INVALID_REQUEST });
  });

  it('checks System-ID and bearer token', () => {
    expect(sim.checkCredentials('SYS', 'Bearer secret')).toBe(true);
    expect(sim.checkCredentials('SYS', 'bearer secret')).toBe(true);
    expect(sim.checkCredentials('SYS', 'Bearer wrong')).toBe(false);
    expect(sim.checkCredentials('OTHER', 'Bearer secret')).toBe(false);
    expect(sim.checkCredentials(null, 'Bearer secret')).toBe(false);
    expect(sim.checkCredentials('SYS', 'secret')).toBe(false);
    expect(sim.checkCredentials('SYS', null)).toBe(false);
  });
});
