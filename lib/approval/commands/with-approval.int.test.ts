import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approvalLogs, pendingActions } from '@/db/schema';
import {
  ApprovalSubmitRefusedError,
  checkPendingApprovals,
  checkSingleApprovalStatus,
  MissingEpIdError,
  TemplateNotFoundError,
  UnknownActionTypeError,
  UnknownApproverError,
  withApproval,
} from '@/lib/approval';
import { setEngineEnv } from '../testing/harness';
import { setUpWorkflowWorld } from '../testing/workflow-world';

const w = setUpWorkflowWorld();

describe('withApproval: refusals before anything is written', () => {
  it('refuses a user without an EP ID, an unknown w.action, approver or template, and writes nothing', async () => {
    const count = async () => (await w.h.database.db.select().from(pendingActions)).length;
    const before = await count();
    await expect(w.submit('x', { currentUser: { id: 'usr_park', epId: null } })).rejects.toThrow(
      MissingEpIdError,
    );
    await expect(w.submit('x', { currentUser: { id: 'usr_park', epId: null } })).rejects.toThrow(
      'Knox EP ID가 없어 결재 기능을 사용할 수 없습니다',
    );
    await expect(withApproval('no_such_action', {}, w.config())).rejects.toThrow(UnknownActionTypeError);
    await expect(w.submit('x', { approvers: ['Z9999'] })).rejects.toThrow(UnknownApproverError);
    await expect(w.submit('x', { templateName: '없는 템플릿' })).rejects.toThrow(TemplateNotFoundError);
    await expect(w.submit('x', { title: '' })).rejects.toMatchObject({ code: 'INVALID_APPROVAL_CONFIG' });
    expect(await count()).toBe(before);
  });
});

describe('Knox faults keep the invariants', () => {
  /**
   * Checked against the simulator's own table: no Knox document without its action row; while
   * Knox holds the document open the action is open too (never failed, withdrawn or expired behind
   * Knox's back); a failed action's document is not in Knox.
   */
  async function assertInvariants(id: string) {
    const [found] = await w.h.database.db.select().from(pendingActions).where(eq(pendingActions.apInfId, id));
    const knox = await w.h.knoxStatus(id);
    if (knox !== null)
      expect(found, `Knox holds ${id} (status ${knox}) but there is no action row`).toBeDefined();
    const row = found!;
    if (knox !== null && w.KNOX_OPEN_CODES.includes(knox)) {
      expect(['pending', 'submit_unknown'], `Knox holds ${id} open (status ${knox})`).toContain(row.status);
    }
    if (row.status === 'failed') expect(knox, `${id} failed while Knox has it`).toBeNull();
    return { row, knox };
  }

  it('definite refusal (result fail) → failed, compensated, typed error, nothing in Knox', async () => {
    await w.h.setFaults({ failRate: 1 });
    const error = await w.submit('refused').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApprovalSubmitRefusedError);
    const id = (error as ApprovalSubmitRefusedError).apInfId;
    const { row, knox } = await assertInvariants(id);
    expect(row.status).toBe('failed');
    expect(row.errorMessage).toContain('Knox 상신 거부');
    // Knox's own words, once: not wrapped in the client's "Knox refused submit (…)" framing.
    expect((error as Error).message).not.toContain('Knox refused');
    expect(row.errorMessage).not.toContain('Knox refused');
    expect(knox).toBeNull();
    expect(await w.effects(id)).toEqual(['compensated', 'prepared']);
    expect((await w.events(id)).map((e) => e.eventType)).toEqual(['created', 'submit_refused']);
  });

  it('dropped response: Knox has it, we ask and carry on as submitted', async () => {
    await w.h.setFaults({ dropRate: 1 });
    const result = await w.submit('dropped');
    await w.h.clearFaults();
    const { row, knox } = await assertInvariants(result.approvalId);
    expect(row.status).toBe('pending');
    expect(knox).toBe(1);
    const submitted = (await w.events(result.approvalId)).find((e) => e.eventType === 'submitted');
    expect(submitted?.detail).toMatchObject({ how: 'confirmed' });
  });

  it.each([
    ['HTTP 500 on every call', { errorRate: 1 }],
    ['outage', { outage: true }],
  ])('%s: left submit_unknown, then the poller resubmits with the same id', async (_name, faults) => {
    await w.h.setFaults(faults);
    const result = await w.submit(`unknown-${_name}`);
    expect(result.warnings.join(' ')).toContain('Knox 응답을 확인하지 못했습니다');
    const id = result.approvalId;
    expect((await assertInvariants(id)).row.status).toBe('submit_unknown');
    await w.h.clearFaults();
    await checkPendingApprovals();
    const { row, knox } = await assertInvariants(id);
    expect(row.status).toBe('pending');
    expect(knox).toBe(1);
    await w.h.act(id, 'A2001', 'approve');
    await checkPendingApprovals();
    expect((await w.action(id)).status).toBe('executed');
  });

  it('a submit still in flight is never taken for APE020; one whose process died is resubmitted after the grace period', async () => {
    const { approvalId: id } = await w.submit('in-flight');
    // As if Knox had not stored it yet and we had not heard back: no submitted_at, no Knox document.
    await w.h.database.db.execute(sql`delete from knox_sim_documents where ap_inf_id = ${id}`);
    await w.h.database.db.update(approvalLogs).set({ submittedAt: null }).where(eq(approvalLogs.apInfId, id));
    const before = await w.events(id);
    const submitsBefore = w.submitCalls(id);
    await checkPendingApprovals();
    expect((await assertInvariants(id)).row.status).toBe('pending');
    // Left alone within the grace period: not resubmitted, not settled, nothing recorded.
    expect(w.submitCalls(id) - submitsBefore, 'Knox submits of the in-flight document').toBe(0);
    expect(await w.h.knoxStatus(id)).toBeNull();
    expect(await w.events(id)).toEqual(before);
    expect(await w.effects(id)).toEqual(['prepared']);

    await w.h.database.db
      .update(pendingActions)
      .set({ createdAt: new Date(Date.now() - 60 * 60 * 1000) })
      .where(eq(pendingActions.apInfId, id));
    await checkPendingApprovals();
    const { row, knox } = await assertInvariants(id);
    expect(row.status).toBe('pending');
    expect(knox).toBe(1);
    expect(w.submitCalls(id) - submitsBefore, 'Knox submits once the grace period is over').toBe(1);
    expect((await w.events(id)).slice(before.length)).toMatchObject([
      { eventType: 'submitted', detail: { how: 'resubmitted' } },
    ]);
  });

  it('a refresh while Knox is down is a typed error and changes nothing', async () => {
    const { approvalId: id } = await w.submit('refresh-outage');
    await w.h.setFaults({ outage: true });
    await expect(checkSingleApprovalStatus(id)).rejects.toMatchObject({ code: 'KNOX_UNAVAILABLE' });
    await w.h.clearFaults();
    expect((await w.action(id)).status).toBe('pending');
  });

  it('latency beyond the client time-out: never guessed, settled by asking Knox', async () => {
    await w.h.setFaults({ latencyMs: 1_200 });
    const result = await w.submit('slow');
    await w.h.clearFaults();
    await checkPendingApprovals();
    const { row, knox } = await assertInvariants(result.approvalId);
    expect(row.status).toBe('pending');
    expect(knox).toBe(1);
  });
});

describe('APPROVAL_WORKFLOW_ENABLED=false', () => {
  it('runs the handler at once in a transaction and records the bypass', async () => {
    setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: 'false' });
    try {
      const result = await withApproval(
        'it_probe',
        { label: 'bypass' },
        w.config({ currentUser: { id: 'usr_park', epId: null } }),
      );
      expect(result).toMatchObject({ status: 'executed', bypassed: true, result: { label: 'bypass' } });
      const row = await w.action(result.approvalId);
      expect(row).toMatchObject({ status: 'executed', approvalBypassed: true });
      expect(await w.h.knoxStatus(result.approvalId)).toBeNull();
      expect((await w.events(result.approvalId)).map((e) => e.eventType)).toEqual(['bypassed']);
      expect(await w.effects(result.approvalId)).toEqual(['executed', 'prepared']);
    } finally {
      setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: 'true' });
    }
  });
});
