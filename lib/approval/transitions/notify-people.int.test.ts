import { and, asc, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approvalEvents, notifications, pendingActions } from '@/db/schema';
import {
  checkPendingApprovals,
  checkSingleApprovalStatus,
  executeApprovedActions,
  registerActionHandler,
  retryFailedAction,
  withApproval,
  withdrawApproval,
} from '@/lib/approval';
import { setUpWorkflowWorld } from '../testing/workflow-world';
import { notifyPeople } from './notify-people';

const w = setUpWorkflowWorld();

async function told(apInfId: string) {
  return w.h.database.db
    .select()
    .from(notifications)
    .where(eq(notifications.apInfId, apInfId))
    .orderBy(asc(notifications.id));
}

const who = (rows: Awaited<ReturnType<typeof told>>) => rows.map((row) => `${row.userId}:${row.kind}`);

describe('notifications written by the moves', () => {
  it('executed: the requester is told once, in the execution transaction, however often it is polled', async () => {
    const { approvalId: id } = await w.submit('notify-run');
    await w.h.act(id, 'A2001', 'approve');
    await Promise.all([checkPendingApprovals(), checkPendingApprovals(), checkSingleApprovalStatus(id)]);
    await checkPendingApprovals();
    await executeApprovedActions([id, id]);
    const rows = await told(id);
    expect(who(rows)).toEqual(['usr_kim:executed']);
    const [executed] = await w.h.database.db
      .select({ id: approvalEvents.id })
      .from(approvalEvents)
      .where(and(eq(approvalEvents.apInfId, id), eq(approvalEvents.eventType, 'executed')));
    expect(rows[0]).toMatchObject({
      eventId: executed!.id,
      title: '통합시험 결재',
      message: 'it_probe 결재가 승인되어 처리되었습니다',
      readAt: null,
    });
  });

  it('three workers executing the same batch tell each requester once', async () => {
    const ids: string[] = [];
    for (const label of ['a', 'b', 'c', 'd', 'e']) {
      const { approvalId } = await w.submit(`notify-batch-${label}`);
      await w.h.act(approvalId, 'A2001', 'approve');
      ids.push(approvalId);
    }
    await Promise.all([
      executeApprovedActions(ids),
      executeApprovedActions(ids),
      executeApprovedActions(ids),
    ]);
    await executeApprovedActions(ids);
    for (const id of ids) expect(who(await told(id)), id).toEqual(['usr_kim:executed']);
  });

  it('rejected: the requester hears who rejected it and why', async () => {
    const { approvalId: id } = await w.submit('notify-reject');
    await w.h.act(id, 'A2001', 'reject', '서류 미비');
    await checkPendingApprovals();
    await checkPendingApprovals();
    const rows = await told(id);
    expect(who(rows)).toEqual(['usr_kim:rejected']);
    expect(rows[0]!.message).toBe('it_probe 결재가 반려되었습니다 — 최팀장: 서류 미비');
  });

  it('withdrawn (상신취소) and expired tell the requester, with the opinion or the reason', async () => {
    const { approvalId: withdrawn } = await w.submit('notify-withdraw');
    await withdrawApproval(withdrawn, '중복 요청', { id: 'usr_kim' });
    expect((await told(withdrawn)).map((row) => [row.kind, row.message])).toEqual([
      ['withdrawn', 'it_probe 결재가 상신취소되었습니다 — 중복 요청'],
    ]);

    const { approvalId: old } = await w.submit('notify-expire');
    await w.h.database.db
      .update(pendingActions)
      .set({ createdAt: new Date(Date.now() - 31 * 24 * 3600 * 1000) })
      .where(eq(pendingActions.apInfId, old));
    await checkPendingApprovals();
    await checkPendingApprovals();
    const rows = await told(old);
    expect(who(rows)).toEqual(['usr_kim:expired']);
    expect(rows[0]!.message).toMatch(/^it_probe 결재가 기한이 지나 만료되었습니다 — 결재 기한\(30일\) 초과/);
  });

  it('failed: the requester and every admin are told, once per failed attempt; a retry that runs tells of it', async () => {
    const { approvalId: id } = await w.submit('notify-fail');
    w.failing.add('notify-fail');
    await w.h.act(id, 'A2001', 'approve');
    await checkPendingApprovals();
    await checkPendingApprovals();
    let rows = await told(id);
    expect(who(rows)).toEqual(['usr_kim:failed', 'usr_admin:action_failed']);
    expect(rows[0]!.message).toBe('it_probe 요청이 실패했습니다 — 액션 실행 실패: 시험용 실패: notify-fail');
    expect(rows[1]!.message).toBe(
      '김구매님의 it_probe 요청이 실패했습니다 — 액션 실행 실패: 시험용 실패: notify-fail',
    );

    const action = await w.action(id);
    await retryFailedAction(action.id, { id: 'usr_admin' });
    rows = await told(id);
    expect(who(rows)).toEqual([
      'usr_kim:failed',
      'usr_admin:action_failed',
      'usr_kim:failed',
      'usr_admin:action_failed',
    ]);
    w.failing.clear();
    await retryFailedAction(action.id, { id: 'usr_admin' });
    expect(who(await told(id)).at(-1)).toBe('usr_kim:executed');
  });

  it('a document Knox lost (APE020) fails: requester and admins told', async () => {
    const { approvalId: id } = await w.submit('notify-vanished');
    await w.h.database.db.execute(sql`delete from knox_sim_documents where ap_inf_id = ${id}`);
    await checkPendingApprovals();
    await checkPendingApprovals();
    expect(who(await told(id))).toEqual(['usr_kim:failed', 'usr_admin:action_failed']);
  });

  it('a move that rolls back tells nobody: a rejection whose compensation throws tells of the failure only', async () => {
    registerActionHandler('it_notify_bad_compensate', {
      execute: () => 'never',
      compensate: () => {
        throw new Error('원복 실패');
      },
    });
    const { approvalId: id } = await withApproval('it_notify_bad_compensate', {}, w.config());
    await w.h.act(id, 'A2001', 'reject', '반려');
    await checkSingleApprovalStatus(id);
    const rows = await told(id);
    expect(who(rows)).toEqual(['usr_kim:failed', 'usr_admin:action_failed']);
    expect(rows[0]!.message).toContain('원복 실패');
  });

  it('an admin who is the requester is told once, as the requester', async () => {
    const admin = { id: 'usr_admin', epId: 'E9001', email: 'admin@example.com' };
    const { approvalId: id } = await withApproval(
      'it_probe',
      { label: 'notify-admin' },
      w.config({ currentUser: admin }),
    );
    w.failing.add('notify-admin');
    await w.h.act(id, 'A2001', 'approve');
    await checkPendingApprovals();
    expect(who(await told(id))).toEqual(['usr_admin:failed']);
  });

  it('telling of the same event twice writes nothing more (the unique key)', async () => {
    const { approvalId: id } = await w.submit('notify-twice');
    await w.h.act(id, 'A2001', 'approve');
    await checkPendingApprovals();
    const [row] = await told(id);
    await w.h.database.db.transaction((tx) => notifyPeople(tx, [row!.eventId, row!.eventId]));
    expect(await told(id)).toHaveLength(1);
  });
});
