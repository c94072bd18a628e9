import { asc, eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { approvalEvents, approvalLogs, pendingActions } from '@/db/schema';
import {
  ApprovalStateConflictError,
  ApprovalSubmitRefusedError,
  checkPendingApprovals,
  checkSingleApprovalStatus,
  getPollerState,
  MissingEpIdError,
  processKnoxStatus,
  registerActionHandler,
  resolveFailedAction,
  retryFailedAction,
  startApprovalPollingScheduler,
  stopApprovalPollingScheduler,
  syncDecidedApprovalLines,
  TemplateNotFoundError,
  UnknownActionTypeError,
  UnknownApproverError,
  waitForApprovalDecision,
  withApproval,
  withdrawApproval,
} from '@/lib/approval';
import { defaultKnoxClient, setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { type ApprovalHarness, setEngineEnv, startApprovalHarness } from './testing/harness';
import type { ApprovalConfig } from './types';

let h: ApprovalHarness;
const kim = { id: 'usr_kim', epId: 'E1001', email: 'kim.employee@example.com', name: '김구매' };
/** Executions that should throw, by probe label. */
const failing = new Set<string>();
/** Every handler run: its label and the transaction it ran on. */
const runs: Array<{ label: string; tx: unknown }> = [];

/** Knox status codes of a document still waiting for a decision. */
const KNOX_OPEN_CODES = [-2, -1, 0, 1];

const rows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

async function effects(apInfId: string): Promise<string[]> {
  const result = await h.database.db.execute<{ kind: string }>(
    sql`select kind from it_effects where ap_inf_id = ${apInfId} order by kind`,
  );
  return rows<{ kind: string }>(result).map((row) => row.kind);
}

async function action(apInfId: string) {
  const [row] = await h.database.db.select().from(pendingActions).where(eq(pendingActions.apInfId, apInfId));
  return row!;
}

async function events(apInfId: string) {
  return h.database.db
    .select()
    .from(approvalEvents)
    .where(eq(approvalEvents.apInfId, apInfId))
    .orderBy(asc(approvalEvents.id));
}

function config(overrides: Partial<ApprovalConfig> = {}): ApprovalConfig {
  return {
    title: '통합시험 결재',
    templateName: '협력업체 거래정지',
    variables: {
      요청부서: '구매팀',
      요청자: '김구매',
      요청일: '2026-11-21',
      협력업체명: '<시험>',
      업체정보: '-',
      정지사유: '시험',
    },
    approvers: ['A2001'],
    currentUser: kim,
    ...overrides,
  };
}

const submit = (label: string, overrides: Partial<ApprovalConfig> = {}) =>
  withApproval('it_probe', { label }, config(overrides));

/** Knox submit calls by document, counted on their way to the harness's real client. */
const submits: string[] = [];
const submitCalls = (apInfId: string) => submits.filter((id) => id === apInfId).length;

beforeAll(async () => {
  h = await startApprovalHarness({ clientTimeoutMs: 800 });
  const knox = defaultKnoxClient();
  setDefaultKnoxClient({
    submitApproval: (input) => {
      submits.push(input.apInfId);
      return knox.submitApproval(input);
    },
    getApprovalStatuses: (ids) => knox.getApprovalStatuses(ids),
    getApprovalDetail: (apInfId) => knox.getApprovalDetail(apInfId),
    cancelApproval: (apInfId, opinion) => knox.cancelApproval(apInfId, opinion),
  });
  setEngineEnv({
    APPROVAL_WORKFLOW_ENABLED: 'true',
    APPROVAL_LIVE_POLL_SECONDS: '1',
    APPROVAL_MAX_AGE_DAYS: '30',
  });
  await h.database.db.execute(
    sql`create table it_effects (ap_inf_id text not null, kind text not null, primary key (ap_inf_id, kind))`,
  );
  const record =
    (kind: string) =>
    async (
      _payload: unknown,
      ctx: { tx: { execute: (q: unknown) => Promise<unknown> }; apInfId: string },
    ) => {
      await ctx.tx.execute(sql`insert into it_effects (ap_inf_id, kind) values (${ctx.apInfId}, ${kind})`);
    };
  registerActionHandler<{ label: string }>('it_probe', {
    prepare: record('prepared') as never,
    compensate: record('compensated') as never,
    async execute(payload, ctx) {
      runs.push({ label: payload.label, tx: ctx.tx });
      // Written first, so a throw afterwards proves the handler's writes are rolled back.
      await ctx.tx.execute(sql`insert into it_effects (ap_inf_id, kind) values (${ctx.apInfId}, 'executed')`);
      if (failing.has(payload.label)) throw new Error(`시험용 실패: ${payload.label}`);
      return { label: payload.label, apInfId: ctx.apInfId };
    },
    risk: 'HIGH',
  });
});

afterAll(async () => {
  setEngineEnv({
    APPROVAL_WORKFLOW_ENABLED: undefined,
    APPROVAL_LIVE_POLL_SECONDS: undefined,
    APPROVAL_MAX_AGE_DAYS: undefined,
  });
  await h?.close();
});

beforeEach(async () => {
  await h.clearFaults();
  failing.clear();
});

describe('withApproval: refusals before anything is written', () => {
  it('refuses a user without an EP ID, an unknown action, approver or template, and writes nothing', async () => {
    const count = async () => (await h.database.db.select().from(pendingActions)).length;
    const before = await count();
    await expect(submit('x', { currentUser: { id: 'usr_park', epId: null } })).rejects.toThrow(
      MissingEpIdError,
    );
    await expect(submit('x', { currentUser: { id: 'usr_park', epId: null } })).rejects.toThrow(
      'Knox EP ID가 없어 결재 기능을 사용할 수 없습니다',
    );
    await expect(withApproval('no_such_action', {}, config())).rejects.toThrow(UnknownActionTypeError);
    await expect(submit('x', { approvers: ['Z9999'] })).rejects.toThrow(UnknownApproverError);
    await expect(submit('x', { templateName: '없는 템플릿' })).rejects.toThrow(TemplateNotFoundError);
    await expect(submit('x', { title: '' })).rejects.toMatchObject({ code: 'INVALID_APPROVAL_CONFIG' });
    expect(await count()).toBe(before);
  });
});

describe('decisions', () => {
  it('approve (2): executes once with a full event trail and the document synced', async () => {
    const result = await submit('approve');
    expect(result.status).toBe('pending_approval');
    const id = result.approvalId;
    expect(await h.knoxStatus(id)).toBe(1);
    expect(await effects(id)).toEqual(['prepared']);
    const [doc] = await h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
    expect(doc!.content).toContain('&lt;시험&gt;');

    await h.act(id, 'A2001', 'approve', '승인합니다');
    const single = await checkSingleApprovalStatus(id);
    expect(single).toMatchObject({ knoxStatus: 2, actionStatus: 'executed', outcome: 'executed' });
    // A second check, and a poll cycle, change nothing.
    await checkSingleApprovalStatus(id);
    await checkPendingApprovals();
    expect(await effects(id)).toEqual(['executed', 'prepared']);
    const row = await action(id);
    expect(row).toMatchObject({
      status: 'executed',
      attempts: 1,
      executionResult: { label: 'approve', apInfId: id },
    });
    const [synced] = await h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
    expect(synced).toMatchObject({ status: 2 });
    expect(synced!.decidedAt).toBeInstanceOf(Date);
    expect(synced!.lastSyncedAt).toBeInstanceOf(Date);
    expect(
      (synced!.approvalLine as Array<{ opinion?: string }>).some((l) => l.opinion === '승인합니다'),
    ).toBe(true);
    expect((await events(id)).map((e) => e.eventType)).toEqual([
      'created',
      'submitted',
      'execution_claimed',
      'executed',
    ]);
  });

  it('an open document that did not change status is recorded in bulk: doc_chg_num and last_synced_at', async () => {
    const { approvalId: id } = await submit('quiet', { approvers: ['A2001', 'A2002'] });
    await checkPendingApprovals();
    await h.act(id, 'A2001', 'approve');
    const [knox] = rows<{ doc_chg_num: number }>(
      await h.database.db.execute(sql`select doc_chg_num from knox_sim_documents where ap_inf_id = ${id}`),
    );
    await h.database.db.update(approvalLogs).set({ lastSyncedAt: null }).where(eq(approvalLogs.apInfId, id));
    await checkPendingApprovals();
    const [doc] = await h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
    expect(doc).toMatchObject({ status: 1, docChgNum: Number(knox!.doc_chg_num) });
    expect(Number(knox!.doc_chg_num)).toBeGreaterThan(0);
    expect(doc!.lastSyncedAt).toBeInstanceOf(Date);
    expect((await action(id)).status).toBe('pending');
  });

  it('전결 (5) by an approver allowed to decide alone executes, found by the poller', async () => {
    const { approvalId: id } = await submit('arbitrary', {
      approvers: ['A2001', { epId: 'A2002', arbitrary: true }],
    });
    await h.act(id, 'A2001', 'approve');
    await h.act(id, 'A2002', 'arbitrary', '전결 처리');
    const summary = await checkPendingApprovals();
    expect(summary.executed).toBeGreaterThanOrEqual(1);
    expect(await h.knoxStatus(id)).toBe(5);
    expect((await action(id)).status).toBe('executed');
  });

  it('a wave of approvals runs in one batch: a failing handler fails alone, the others run once, lines recorded after', async () => {
    const labels = ['wave-1', 'wave-2', 'wave-bad', 'wave-3', 'wave-4'];
    const ids: string[] = [];
    for (const label of labels) ids.push((await submit(label)).approvalId);
    for (const id of ids) await h.act(id, 'A2001', 'approve', `승인 ${id}`);
    failing.add('wave-bad');

    runs.length = 0;
    const summary = await checkPendingApprovals();
    expect(summary).toMatchObject({ executed: 4, failed: 1 });
    // All five once, on one transaction: the failing one's savepoint rolls back only its own writes.
    expect(runs.map((run) => run.label)).toEqual(labels);
    expect(new Set(runs.map((run) => run.tx)).size).toBe(1);
    const bad = ids[2]!;
    for (const id of ids) {
      const row = await action(id);
      // Every handler ran once; the good ones' writes committed with the batch.
      expect(await effects(id)).toEqual(id === bad ? ['prepared'] : ['executed', 'prepared']);
      expect(row).toMatchObject({ status: id === bad ? 'failed' : 'executed', attempts: 1 });
      expect((await events(id)).map((e) => e.eventType)).toEqual([
        'created',
        'submitted',
        'execution_claimed',
        id === bad ? 'execution_failed' : 'executed',
      ]);
      // The decision and, after the executions, the line with the approver's opinion.
      const [doc] = await h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
      expect(doc).toMatchObject({ status: 2 });
      expect(doc!.lineSyncedAt!.getTime()).toBeGreaterThanOrEqual(doc!.decidedAt!.getTime());
      expect((doc!.approvalLine as Array<{ opinion?: string }>).some((l) => l.opinion === `승인 ${id}`)).toBe(
        true,
      );
    }
    expect((await action(bad)).errorMessage).toContain('시험용 실패: wave-bad');

    // Nothing is left to run or to record: the next cycle changes nothing.
    expect(await checkPendingApprovals()).toMatchObject({ executed: 0, failed: 0 });
    expect(await effects(ids[0]!)).toEqual(['executed', 'prepared']);
  });

  it('approval lines wait while Knox is down and are recorded once it is back', async () => {
    const ids: string[] = [];
    for (const label of ['line-1', 'line-2', 'line-3']) ids.push((await submit(label)).approvalId);
    for (const id of ids) await h.act(id, 'A2001', 'approve', `의견 ${id}`);
    await checkPendingApprovals();
    // As if the cycle had ended before reading them.
    await h.database.db
      .update(approvalLogs)
      .set({ lineSyncedAt: null, approvalLine: [] })
      .where(inArray(approvalLogs.apInfId, ids));

    await h.setFaults({ outage: true });
    expect(await syncDecidedApprovalLines()).toBe(0);
    await h.clearFaults();
    expect(await syncDecidedApprovalLines()).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) {
      const [doc] = await h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
      expect((doc!.approvalLine as Array<{ opinion?: string }>).some((l) => l.opinion === `의견 ${id}`)).toBe(
        true,
      );
    }
    // Nothing left to read.
    expect(await syncDecidedApprovalLines()).toBe(0);
  });

  it('후완결 (6) executes', async () => {
    const { approvalId: id } = await submit('post', {
      approvers: ['A2001', { epId: 'A2002', role: 'post_approve' }],
    });
    await h.act(id, 'A2001', 'approve');
    expect(await h.knoxStatus(id)).toBe(6);
    expect(await checkSingleApprovalStatus(id)).toMatchObject({ knoxStatus: 6, actionStatus: 'executed' });
    expect(await effects(id)).toEqual(['executed', 'prepared']);
  });

  it('reject (3): rejected with the opinion, compensated, handler never ran', async () => {
    const { approvalId: id } = await submit('reject');
    await h.act(id, 'A2001', 'reject', '사유 보완 필요');
    const summary = await checkPendingApprovals();
    expect(summary.rejected).toBeGreaterThanOrEqual(1);
    expect(await action(id)).toMatchObject({ status: 'rejected', errorMessage: '사유 보완 필요' });
    expect(await effects(id)).toEqual(['compensated', 'prepared']);
    const last = (await events(id)).at(-1)!;
    expect(last).toMatchObject({ eventType: 'rejected', fromStatus: 'pending', toStatus: 'rejected' });
    expect(last.detail).toMatchObject({ opinion: '사유 보완 필요' });
  });

  it('withdraw (상신취소): cancelled in Knox, compensated; twice is a conflict', async () => {
    const { approvalId: id } = await submit('withdraw');
    const row = await withdrawApproval(id, '요청 철회', { id: 'usr_kim' });
    expect(row.status).toBe('withdrawn');
    expect(await h.knoxStatus(id)).toBe(4);
    expect(await effects(id)).toEqual(['compensated', 'prepared']);
    await expect(withdrawApproval(id, '다시', { id: 'usr_kim' })).rejects.toThrow(ApprovalStateConflictError);
  });

  it('withdraw of a document already approved in Knox processes the approval and reports a conflict', async () => {
    const { approvalId: id } = await submit('late-withdraw');
    await h.act(id, 'A2001', 'approve');
    await expect(withdrawApproval(id, '늦은 철회', { id: 'usr_kim' })).rejects.toThrow(
      ApprovalStateConflictError,
    );
    expect((await action(id)).status).toBe('executed');
    expect(await effects(id)).toEqual(['executed', 'prepared']);
  });

  it('expiry: an open document older than APPROVAL_MAX_AGE_DAYS is withdrawn in Knox and compensated', async () => {
    const { approvalId: id } = await submit('expire');
    await h.database.db
      .update(pendingActions)
      .set({ createdAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) })
      .where(eq(pendingActions.apInfId, id));
    await checkPendingApprovals();
    expect((await action(id)).status).toBe('expired');
    expect(await h.knoxStatus(id)).toBe(4);
    expect(await effects(id)).toEqual(['compensated', 'prepared']);
  });

  it('a stale "absent" answer (asked while the submit was landing) is checked again, never taken for APE020', async () => {
    const { approvalId: id } = await submit('stale-absent');
    const processed = await processKnoxStatus(id, { apInfId: id, found: false });
    expect(processed.outcome).toBe('waiting');
    expect((await action(id)).status).toBe('pending');
  });

  it('a document Knox no longer knows (APE020) becomes failed with an explanation, compensated', async () => {
    const { approvalId: id } = await submit('vanished');
    await h.database.db.execute(sql`delete from knox_sim_documents where ap_inf_id = ${id}`);
    await checkPendingApprovals();
    const row = await action(id);
    expect(row.status).toBe('failed');
    expect(row.errorMessage).toContain('APE020');
    expect(await effects(id)).toEqual(['compensated', 'prepared']);
    // Not approved: an admin retry must not run the handler.
    await expect(retryFailedAction(row.id, { id: 'usr_admin' })).rejects.toThrow(ApprovalStateConflictError);
  });
});

describe('handler failures', () => {
  it('a throwing handler → failed with nothing of its writes kept → retry → executed exactly once', async () => {
    const { approvalId: id } = await submit('flaky');
    failing.add('flaky');
    await h.act(id, 'A2001', 'approve');
    expect(await checkSingleApprovalStatus(id)).toMatchObject({ actionStatus: 'failed' });
    const failed = await action(id);
    expect(failed.errorMessage).toContain('시험용 실패: flaky');
    expect(await effects(id)).toEqual(['prepared']);

    failing.clear();
    const retried = await retryFailedAction(failed.id, { id: 'usr_admin' });
    expect(retried).toMatchObject({ status: 'executed', executedNow: true });
    await expect(retryFailedAction(failed.id, { id: 'usr_admin' })).rejects.toThrow(
      ApprovalStateConflictError,
    );
    await checkPendingApprovals();
    expect(await effects(id)).toEqual(['executed', 'prepared']);
    expect((await action(id)).attempts).toBe(2);
    const types = (await events(id)).map((e) => e.eventType);
    expect(types).toEqual([
      'created',
      'submitted',
      'execution_claimed',
      'execution_failed',
      'retry_claimed',
      'executed',
    ]);
  });

  it('a compensate that throws on rejection leaves the action failed with the reason, nothing half-done', async () => {
    registerActionHandler('it_bad_compensate', {
      execute: () => 'never',
      async compensate(_payload, ctx) {
        await ctx.tx.execute(
          sql`insert into it_effects (ap_inf_id, kind) values (${ctx.apInfId}, 'compensated')`,
        );
        throw new Error('원복 실패');
      },
    });
    const { approvalId: id } = await withApproval('it_bad_compensate', {}, config());
    await h.act(id, 'A2001', 'reject', '반려');
    await checkSingleApprovalStatus(id);
    const row = await action(id);
    expect(row.status).toBe('failed');
    expect(row.errorMessage).toContain('원복 실패');
    expect(await effects(id)).toEqual([]);
    expect((await events(id)).at(-1)).toMatchObject({ eventType: 'compensation_failed', toStatus: 'failed' });
    await expect(retryFailedAction(row.id, { id: 'usr_admin' })).rejects.toThrow(ApprovalStateConflictError);
  });

  it('an admin can resolve a failed action by hand, with a note', async () => {
    const { approvalId: id } = await submit('resolve');
    failing.add('resolve');
    await h.act(id, 'A2001', 'approve');
    await checkSingleApprovalStatus(id);
    const failed = await action(id);
    const resolved = await resolveFailedAction(failed.id, '수기 처리함', { id: 'usr_admin' });
    expect(resolved).toMatchObject({ status: 'resolved', resolutionNote: '수기 처리함' });
    await expect(resolveFailedAction(failed.id, '또', { id: 'usr_admin' })).rejects.toThrow(
      ApprovalStateConflictError,
    );
  });

  it('an expired claim (worker died mid-execution) is taken again', async () => {
    const { approvalId: id } = await submit('crashed');
    await h.act(id, 'A2001', 'approve');
    await h.database.db
      .update(pendingActions)
      .set({ status: 'executing', attempts: 1, claimExpiresAt: new Date(Date.now() - 1000) })
      .where(eq(pendingActions.apInfId, id));
    await checkPendingApprovals();
    expect(await action(id)).toMatchObject({ status: 'executed', attempts: 2 });
    expect(await effects(id)).toEqual(['executed', 'prepared']);
  });
});

describe('Knox faults keep the invariants', () => {
  /**
   * Checked against the simulator's own table: no Knox document without its action row; while
   * Knox holds the document open the action is open too (never failed, withdrawn or expired behind
   * Knox's back); a failed action's document is not in Knox.
   */
  async function assertInvariants(id: string) {
    const [found] = await h.database.db.select().from(pendingActions).where(eq(pendingActions.apInfId, id));
    const knox = await h.knoxStatus(id);
    if (knox !== null)
      expect(found, `Knox holds ${id} (status ${knox}) but there is no action row`).toBeDefined();
    const row = found!;
    if (knox !== null && KNOX_OPEN_CODES.includes(knox)) {
      expect(['pending', 'submit_unknown'], `Knox holds ${id} open (status ${knox})`).toContain(row.status);
    }
    if (row.status === 'failed') expect(knox, `${id} failed while Knox has it`).toBeNull();
    return { row, knox };
  }

  it('definite refusal (result fail) → failed, compensated, typed error, nothing in Knox', async () => {
    await h.setFaults({ failRate: 1 });
    const error = await submit('refused').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApprovalSubmitRefusedError);
    const id = (error as ApprovalSubmitRefusedError).apInfId;
    const { row, knox } = await assertInvariants(id);
    expect(row.status).toBe('failed');
    expect(row.errorMessage).toContain('Knox 상신 거부');
    // Knox's own words, once: not wrapped in the client's "Knox refused submit (…)" framing.
    expect((error as Error).message).not.toContain('Knox refused');
    expect(row.errorMessage).not.toContain('Knox refused');
    expect(knox).toBeNull();
    expect(await effects(id)).toEqual(['compensated', 'prepared']);
    expect((await events(id)).map((e) => e.eventType)).toEqual(['created', 'submit_refused']);
  });

  it('dropped response: Knox has it, we ask and carry on as submitted', async () => {
    await h.setFaults({ dropRate: 1 });
    const result = await submit('dropped');
    await h.clearFaults();
    const { row, knox } = await assertInvariants(result.approvalId);
    expect(row.status).toBe('pending');
    expect(knox).toBe(1);
    const submitted = (await events(result.approvalId)).find((e) => e.eventType === 'submitted');
    expect(submitted?.detail).toMatchObject({ how: 'confirmed' });
  });

  it.each([
    ['HTTP 500 on every call', { errorRate: 1 }],
    ['outage', { outage: true }],
  ])('%s: left submit_unknown, then the poller resubmits with the same id', async (_name, faults) => {
    await h.setFaults(faults);
    const result = await submit(`unknown-${_name}`);
    expect(result.warnings.join(' ')).toContain('Knox 응답을 확인하지 못했습니다');
    const id = result.approvalId;
    expect((await assertInvariants(id)).row.status).toBe('submit_unknown');
    await h.clearFaults();
    await checkPendingApprovals();
    const { row, knox } = await assertInvariants(id);
    expect(row.status).toBe('pending');
    expect(knox).toBe(1);
    await h.act(id, 'A2001', 'approve');
    await checkPendingApprovals();
    expect((await action(id)).status).toBe('executed');
  });

  it('a submit still in flight is never taken for APE020; one whose process died is resubmitted after the grace period', async () => {
    const { approvalId: id } = await submit('in-flight');
    // As if Knox had not stored it yet and we had not heard back: no submitted_at, no Knox document.
    await h.database.db.execute(sql`delete from knox_sim_documents where ap_inf_id = ${id}`);
    await h.database.db.update(approvalLogs).set({ submittedAt: null }).where(eq(approvalLogs.apInfId, id));
    const before = await events(id);
    const submitsBefore = submitCalls(id);
    await checkPendingApprovals();
    expect((await assertInvariants(id)).row.status).toBe('pending');
    // Left alone within the grace period: not resubmitted, not settled, nothing recorded.
    expect(submitCalls(id) - submitsBefore, 'Knox submits of the in-flight document').toBe(0);
    expect(await h.knoxStatus(id)).toBeNull();
    expect(await events(id)).toEqual(before);
    expect(await effects(id)).toEqual(['prepared']);

    await h.database.db
      .update(pendingActions)
      .set({ createdAt: new Date(Date.now() - 60 * 60 * 1000) })
      .where(eq(pendingActions.apInfId, id));
    await checkPendingApprovals();
    const { row, knox } = await assertInvariants(id);
    expect(row.status).toBe('pending');
    expect(knox).toBe(1);
    expect(submitCalls(id) - submitsBefore, 'Knox submits once the grace period is over').toBe(1);
    expect((await events(id)).slice(before.length)).toMatchObject([
      { eventType: 'submitted', detail: { how: 'resubmitted' } },
    ]);
  });

  it('a refresh while Knox is down is a typed error and changes nothing', async () => {
    const { approvalId: id } = await submit('refresh-outage');
    await h.setFaults({ outage: true });
    await expect(checkSingleApprovalStatus(id)).rejects.toMatchObject({ code: 'KNOX_UNAVAILABLE' });
    await h.clearFaults();
    expect((await action(id)).status).toBe('pending');
  });

  it('latency beyond the client time-out: never guessed, settled by asking Knox', async () => {
    await h.setFaults({ latencyMs: 1_200 });
    const result = await submit('slow');
    await h.clearFaults();
    await checkPendingApprovals();
    const { row, knox } = await assertInvariants(result.approvalId);
    expect(row.status).toBe('pending');
    expect(knox).toBe(1);
  });
});

describe('waiting for a decision', () => {
  it('a waiter learns the decision from the live poll, with progress', async () => {
    const { approvalId: id } = await submit('waited');
    const progress: Array<number | null> = [];
    const waiting = waitForApprovalDecision(id, {
      timeoutMs: 20_000,
      onProgress: (p) => progress.push(p.knoxStatus),
    });
    await h.act(id, 'A2001', 'approve');
    const outcome = await waiting;
    expect(outcome).toEqual({ outcome: 'executed', result: { label: 'waited', apInfId: id } });
    expect(progress).toContain(2);
  });

  it('a rejection reaches the waiter with the opinion; a timeout leaves the document open', async () => {
    const { approvalId: rejected } = await submit('waited-reject');
    const waiting = waitForApprovalDecision(rejected, { timeoutMs: 20_000 });
    await h.act(rejected, 'A2001', 'reject', '불가');
    expect(await waiting).toEqual({ outcome: 'rejected', opinion: '불가' });

    const { approvalId: open } = await submit('waited-timeout');
    expect(await waitForApprovalDecision(open, { timeoutMs: 50 })).toEqual({ outcome: 'timeout' });
    expect((await action(open)).status).toBe('pending');
    expect(await h.knoxStatus(open)).toBe(1);
  });
});

describe('notifications and the poller state', () => {
  it('decisions processed elsewhere reach their waiters through NOTIFY, without a live poll', async () => {
    setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '300' });
    try {
      // Three documents approved together: one batch commit notifies all three at once.
      const ids = await Promise.all(
        ['notified-1', 'notified-2', 'notified-3'].map(async (label) => (await submit(label)).approvalId),
      );
      const progress: unknown[] = [];
      const waiting = ids.map((id) =>
        waitForApprovalDecision(id, { timeoutMs: 20_000, onProgress: (p) => progress.push(p) }),
      );
      for (const id of ids) await h.act(id, 'A2001', 'approve');
      await checkPendingApprovals();
      for (const [index, answer] of (await Promise.all(waiting)).entries()) {
        expect(answer).toMatchObject({ outcome: 'executed', result: { apInfId: ids[index] } });
      }
      // No live poll ran: the only way the waiter could learn of it was the notification.
      expect(progress).toEqual([]);
    } finally {
      setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '1' });
    }
  });

  it('records each cycle for the health check and admin page; the scheduler starts once', async () => {
    const summary = await checkPendingApprovals();
    const state = await getPollerState(h.database.db);
    expect(state.lastRunAt).toBeInstanceOf(Date);
    expect(state.lastSummary).toEqual({ ...summary });
    expect(state.cron).toBe('* * * * *');
    expect(startApprovalPollingScheduler()).toBe(true);
    expect(startApprovalPollingScheduler()).toBe(false);
    expect((await getPollerState(h.database.db)).nextRunAt).toBeInstanceOf(Date);
    await stopApprovalPollingScheduler();
    expect(startApprovalPollingScheduler()).toBe(true);
    await stopApprovalPollingScheduler();
  });
});

describe('APPROVAL_WORKFLOW_ENABLED=false', () => {
  it('runs the handler at once in a transaction and records the bypass', async () => {
    setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: 'false' });
    try {
      const result = await withApproval(
        'it_probe',
        { label: 'bypass' },
        config({ currentUser: { id: 'usr_park', epId: null } }),
      );
      expect(result).toMatchObject({ status: 'executed', bypassed: true, result: { label: 'bypass' } });
      const row = await action(result.approvalId);
      expect(row).toMatchObject({ status: 'executed', approvalBypassed: true });
      expect(await h.knoxStatus(result.approvalId)).toBeNull();
      expect((await events(result.approvalId)).map((e) => e.eventType)).toEqual(['bypassed']);
      expect(await effects(result.approvalId)).toEqual(['executed', 'prepared']);
    } finally {
      setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: 'true' });
    }
  });
});
