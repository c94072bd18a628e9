import { eq, inArray, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approvalLogs, pendingActions } from '@/db/schema';
import {
  ApprovalStateConflictError,
  checkPendingApprovals,
  checkSingleApprovalStatus,
  processKnoxStatus,
  retryFailedAction,
  syncDecidedApprovalLines,
  withdrawApproval,
} from '@/lib/approval';
import { setUpWorkflowWorld } from '../testing/workflow-world';

const w = setUpWorkflowWorld();

describe('decisions', () => {
  it('approve (2): executes once with a full event trail and the document synced', async () => {
    const result = await w.submit('approve');
    expect(result.status).toBe('pending_approval');
    const id = result.approvalId;
    expect(await w.h.knoxStatus(id)).toBe(1);
    expect(await w.effects(id)).toEqual(['prepared']);
    const [doc] = await w.h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
    expect(doc!.content).toContain('&lt;시험&gt;');

    await w.h.act(id, 'A2001', 'approve', '승인합니다');
    const single = await checkSingleApprovalStatus(id);
    expect(single).toMatchObject({ knoxStatus: 2, actionStatus: 'executed', outcome: 'executed' });
    // A second check, and a poll cycle, change nothing.
    await checkSingleApprovalStatus(id);
    await checkPendingApprovals();
    expect(await w.effects(id)).toEqual(['executed', 'prepared']);
    const row = await w.action(id);
    expect(row).toMatchObject({
      status: 'executed',
      attempts: 1,
      executionResult: { label: 'approve', apInfId: id },
    });
    const [synced] = await w.h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
    expect(synced).toMatchObject({ status: 2 });
    expect(synced!.decidedAt).toBeInstanceOf(Date);
    expect(synced!.lastSyncedAt).toBeInstanceOf(Date);
    expect(
      (synced!.approvalLine as Array<{ opinion?: string }>).some((l) => l.opinion === '승인합니다'),
    ).toBe(true);
    // 새로고침 read the line with the decision: the approver's act comes before the execution.
    expect((await w.events(id)).map((e) => e.eventType)).toEqual([
      'created',
      'submitted',
      'approver_acted',
      'execution_claimed',
      'executed',
    ]);
  });

  it('an open document that did not change status is recorded in bulk: doc_chg_num and last_synced_at', async () => {
    const { approvalId: id } = await w.submit('quiet', { approvers: ['A2001', 'A2002'] });
    await checkPendingApprovals();
    await w.h.act(id, 'A2001', 'approve');
    const [knox] = w.rows<{ doc_chg_num: number }>(
      await w.h.database.db.execute(sql`select doc_chg_num from knox_sim_documents where ap_inf_id = ${id}`),
    );
    await w.h.database.db
      .update(approvalLogs)
      .set({ lastSyncedAt: null })
      .where(eq(approvalLogs.apInfId, id));
    await checkPendingApprovals();
    const [doc] = await w.h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
    expect(doc).toMatchObject({ status: 1, docChgNum: Number(knox!.doc_chg_num) });
    expect(Number(knox!.doc_chg_num)).toBeGreaterThan(0);
    expect(doc!.lastSyncedAt).toBeInstanceOf(Date);
    expect((await w.action(id)).status).toBe('pending');
  });

  it('전결 (5) by an approver allowed to decide alone executes, found by the poller', async () => {
    const { approvalId: id } = await w.submit('arbitrary', {
      approvers: ['A2001', { epId: 'A2002', arbitrary: true }],
    });
    await w.h.act(id, 'A2001', 'approve');
    await w.h.act(id, 'A2002', 'arbitrary', '전결 처리');
    const summary = await checkPendingApprovals();
    expect(summary.executed).toBeGreaterThanOrEqual(1);
    expect(await w.h.knoxStatus(id)).toBe(5);
    expect((await w.action(id)).status).toBe('executed');
  });

  it('a wave of approvals runs in one batch: a failing handler fails alone, the others run once, lines recorded after', async () => {
    const labels = ['wave-1', 'wave-2', 'wave-bad', 'wave-3', 'wave-4'];
    const ids: string[] = [];
    for (const label of labels) ids.push((await w.submit(label)).approvalId);
    for (const id of ids) await w.h.act(id, 'A2001', 'approve', `승인 ${id}`);
    w.failing.add('wave-bad');

    w.runs.length = 0;
    const summary = await checkPendingApprovals();
    expect(summary).toMatchObject({ executed: 4, failed: 1 });
    // All five once, on one transaction: the failing one's savepoint rolls back only its own writes.
    expect(w.runs.map((run) => run.label)).toEqual(labels);
    expect(new Set(w.runs.map((run) => run.tx)).size).toBe(1);
    const bad = ids[2]!;
    for (const id of ids) {
      const row = await w.action(id);
      // Every handler ran once; the good ones' writes committed with the batch.
      expect(await w.effects(id)).toEqual(id === bad ? ['prepared'] : ['executed', 'prepared']);
      expect(row).toMatchObject({ status: id === bad ? 'failed' : 'executed', attempts: 1 });
      // The batch path executes first; the line (and the approver's act) is read after.
      expect((await w.events(id)).map((e) => e.eventType)).toEqual([
        'created',
        'submitted',
        'execution_claimed',
        id === bad ? 'execution_failed' : 'executed',
        'approver_acted',
      ]);
      // The decision and, after the executions, the line with the approver's opinion.
      const [doc] = await w.h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
      expect(doc).toMatchObject({ status: 2 });
      expect(doc!.lineSyncedAt!.getTime()).toBeGreaterThanOrEqual(doc!.decidedAt!.getTime());
      expect((doc!.approvalLine as Array<{ opinion?: string }>).some((l) => l.opinion === `승인 ${id}`)).toBe(
        true,
      );
    }
    expect((await w.action(bad)).errorMessage).toContain('시험용 실패: wave-bad');

    // Nothing is left to run or to record: the next cycle changes nothing.
    expect(await checkPendingApprovals()).toMatchObject({ executed: 0, failed: 0 });
    expect(await w.effects(ids[0]!)).toEqual(['executed', 'prepared']);
  });

  it('approval lines wait while Knox is down and are recorded once it is back', async () => {
    const ids: string[] = [];
    for (const label of ['line-1', 'line-2', 'line-3']) ids.push((await w.submit(label)).approvalId);
    for (const id of ids) await w.h.act(id, 'A2001', 'approve', `의견 ${id}`);
    await checkPendingApprovals();
    // As if the cycle had ended before reading them.
    await w.h.database.db
      .update(approvalLogs)
      .set({ lineSyncedAt: null, approvalLine: [] })
      .where(inArray(approvalLogs.apInfId, ids));

    await w.h.setFaults({ outage: true });
    expect(await syncDecidedApprovalLines()).toBe(0);
    await w.h.clearFaults();
    expect(await syncDecidedApprovalLines()).toBeGreaterThanOrEqual(ids.length);
    for (const id of ids) {
      const [doc] = await w.h.database.db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, id));
      expect((doc!.approvalLine as Array<{ opinion?: string }>).some((l) => l.opinion === `의견 ${id}`)).toBe(
        true,
      );
    }
    // Nothing left to read.
    expect(await syncDecidedApprovalLines()).toBe(0);
  });

  it('후완결 (6) executes', async () => {
    const { approvalId: id } = await w.submit('post', {
      approvers: ['A2001', { epId: 'A2002', role: 'post_approve' }],
    });
    await w.h.act(id, 'A2001', 'approve');
    expect(await w.h.knoxStatus(id)).toBe(6);
    expect(await checkSingleApprovalStatus(id)).toMatchObject({ knoxStatus: 6, actionStatus: 'executed' });
    expect(await w.effects(id)).toEqual(['executed', 'prepared']);
  });

  it('reject (3): rejected with the opinion, compensated, handler never ran', async () => {
    const { approvalId: id } = await w.submit('reject');
    await w.h.act(id, 'A2001', 'reject', '사유 보완 필요');
    const summary = await checkPendingApprovals();
    expect(summary.rejected).toBeGreaterThanOrEqual(1);
    expect(await w.action(id)).toMatchObject({ status: 'rejected', errorMessage: '사유 보완 필요' });
    expect(await w.effects(id)).toEqual(['compensated', 'prepared']);
    const last = (await w.events(id)).at(-1)!;
    expect(last).toMatchObject({ eventType: 'rejected', fromStatus: 'pending', toStatus: 'rejected' });
    expect(last.detail).toMatchObject({ opinion: '사유 보완 필요' });
  });

  it('withdraw (상신취소): cancelled in Knox, compensated; twice is a conflict', async () => {
    const { approvalId: id } = await w.submit('withdraw');
    const row = await withdrawApproval(id, '요청 철회', { id: 'usr_kim' });
    expect(row.status).toBe('withdrawn');
    expect(await w.h.knoxStatus(id)).toBe(4);
    expect(await w.effects(id)).toEqual(['compensated', 'prepared']);
    await expect(withdrawApproval(id, '다시', { id: 'usr_kim' })).rejects.toThrow(ApprovalStateConflictError);
  });

  it('withdraw of a document already approved in Knox processes the approval and reports a conflict', async () => {
    const { approvalId: id } = await w.submit('late-withdraw');
    await w.h.act(id, 'A2001', 'approve');
    await expect(withdrawApproval(id, '늦은 철회', { id: 'usr_kim' })).rejects.toThrow(
      ApprovalStateConflictError,
    );
    expect((await w.action(id)).status).toBe('executed');
    expect(await w.effects(id)).toEqual(['executed', 'prepared']);
  });

  it('expiry: an open document older than APPROVAL_MAX_AGE_DAYS is withdrawn in Knox and compensated', async () => {
    const { approvalId: id } = await w.submit('expire');
    await w.h.database.db
      .update(pendingActions)
      .set({ createdAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) })
      .where(eq(pendingActions.apInfId, id));
    await checkPendingApprovals();
    expect((await w.action(id)).status).toBe('expired');
    expect(await w.h.knoxStatus(id)).toBe(4);
    expect(await w.effects(id)).toEqual(['compensated', 'prepared']);
  });

  it('a stale "absent" answer (asked while the submit was landing) is checked again, never taken for APE020', async () => {
    const { approvalId: id } = await w.submit('stale-absent');
    const processed = await processKnoxStatus(id, { apInfId: id, found: false });
    expect(processed.outcome).toBe('waiting');
    expect((await w.action(id)).status).toBe('pending');
  });

  it('a document Knox no longer knows (APE020) becomes failed with an explanation, compensated', async () => {
    const { approvalId: id } = await w.submit('vanished');
    await w.h.database.db.execute(sql`delete from knox_sim_documents where ap_inf_id = ${id}`);
    await checkPendingApprovals();
    const row = await w.action(id);
    expect(row.status).toBe('failed');
    expect(row.errorMessage).toContain('APE020');
    expect(await w.effects(id)).toEqual(['compensated', 'prepared']);
    // Not approved: an admin retry must not run the handler.
    await expect(retryFailedAction(row.id, { id: 'usr_admin' })).rejects.toThrow(ApprovalStateConflictError);
  });
});
