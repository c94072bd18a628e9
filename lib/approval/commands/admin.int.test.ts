import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  ApprovalStateConflictError,
  checkPendingApprovals,
  checkSingleApprovalStatus,
  registerActionHandler,
  resolveFailedAction,
  retryFailedAction,
  withApproval,
} from '@/lib/approval';
import { setUpWorkflowWorld } from '../testing/workflow-world';

const w = setUpWorkflowWorld();

describe('handler failures', () => {
  it('a throwing handler → failed with nothing of its writes kept → retry → executed exactly once', async () => {
    const { approvalId: id } = await w.submit('flaky');
    w.failing.add('flaky');
    await w.h.act(id, 'A2001', 'approve');
    expect(await checkSingleApprovalStatus(id)).toMatchObject({ actionStatus: 'failed' });
    const failed = await w.action(id);
    expect(failed.errorMessage).toContain('시험용 실패: flaky');
    expect(await w.effects(id)).toEqual(['prepared']);

    w.failing.clear();
    const retried = await retryFailedAction(failed.id, { id: 'usr_admin' });
    expect(retried).toMatchObject({ status: 'executed', executedNow: true });
    await expect(retryFailedAction(failed.id, { id: 'usr_admin' })).rejects.toThrow(
      ApprovalStateConflictError,
    );
    await checkPendingApprovals();
    expect(await w.effects(id)).toEqual(['executed', 'prepared']);
    expect((await w.action(id)).attempts).toBe(2);
    const types = (await w.events(id)).map((e) => e.eventType);
    expect(types).toEqual([
      'created',
      'submitted',
      'approver_acted',
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
    const { approvalId: id } = await withApproval('it_bad_compensate', {}, w.config());
    await w.h.act(id, 'A2001', 'reject', '반려');
    await checkSingleApprovalStatus(id);
    const row = await w.action(id);
    expect(row.status).toBe('failed');
    expect(row.errorMessage).toContain('원복 실패');
    expect(await w.effects(id)).toEqual([]);
    expect((await w.events(id)).at(-1)).toMatchObject({
      eventType: 'compensation_failed',
      toStatus: 'failed',
    });
    await expect(retryFailedAction(row.id, { id: 'usr_admin' })).rejects.toThrow(ApprovalStateConflictError);
  });

  it('an admin can resolve a failed action by hand, with a note', async () => {
    const { approvalId: id } = await w.submit('resolve');
    w.failing.add('resolve');
    await w.h.act(id, 'A2001', 'approve');
    await checkSingleApprovalStatus(id);
    const failed = await w.action(id);
    const resolved = await resolveFailedAction(failed.id, '수기 처리함', { id: 'usr_admin' });
    expect(resolved).toMatchObject({ status: 'resolved', resolutionNote: '수기 처리함' });
    await expect(resolveFailedAction(failed.id, '또', { id: 'usr_admin' })).rejects.toThrow(
      ApprovalStateConflictError,
    );
  });
});
