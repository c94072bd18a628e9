import { and, eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { approvalLogs, type PendingAction, pendingActions } from '@/db/schema';
import { knoxStatusOutcome } from '@/lib/knox-api/approval';
import { ApprovalNotFoundError, ApprovalStateConflictError, InvalidApprovalConfigError } from '../errors';
import { actionStatusLabel } from '../labels';
import { APPROVAL_EVENTS } from '../model';
import { appendEvent, findActionById, notifyDecision } from '../store';
import { claimAndRun, type ExecutionOutcome } from '../transitions/execute';
import type { ActionActor } from '../types';

/** Admin: runs a failed action's handler again, still exactly once. Only for approved documents. */
export async function retryFailedAction(
  pendingActionId: number,
  actor: ActionActor,
): Promise<ExecutionOutcome> {
  const db = await getDb();
  const action = await findActionById(db, pendingActionId);
  if (!action) throw new ApprovalNotFoundError(pendingActionId);
  if (action.status !== 'failed') {
    throw new ApprovalStateConflictError(
      `실패 상태의 작업만 재실행할 수 있습니다 (현재 상태: ${actionStatusLabel(action.status)})`,
      action.status,
    );
  }
  if (action.approvalBypassed) {
    // Its prepare was rolled back with the failed attempt; a new request does both again.
    throw new ApprovalStateConflictError(
      '결재 없이 바로 실행된 작업은 재실행할 수 없습니다. 요청을 다시 하세요.',
      action.status,
    );
  }
  {
    const [doc] = await db
      .select({ status: approvalLogs.status })
      .from(approvalLogs)
      .where(eq(approvalLogs.apInfId, action.apInfId));
    if (!doc || knoxStatusOutcome(doc.status) !== 'execute') {
      throw new ApprovalStateConflictError(
        '결재가 승인되지 않은 작업은 재실행할 수 없습니다 (Knox 상신 실패·반려·취소된 문서)',
        action.status,
      );
    }
  }
  const [outcome] = await claimAndRun(
    db,
    and(eq(pendingActions.id, pendingActionId), eq(pendingActions.status, 'failed'))!,
    actor,
    APPROVAL_EVENTS.retryClaimed,
  );
  if (!outcome) {
    const current = await findActionById(db, pendingActionId);
    throw new ApprovalStateConflictError('다른 요청이 이미 이 작업을 처리했습니다', current?.status);
  }
  return outcome;
}

/** Admin: closes a failed action by hand (fixed outside the system), with a note. */
export async function resolveFailedAction(
  pendingActionId: number,
  note: string,
  actor: ActionActor,
): Promise<PendingAction> {
  const trimmed = note.trim();
  if (!trimmed) throw new InvalidApprovalConfigError('처리 메모를 입력하세요');
  const db = await getDb();
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(pendingActions)
      .set({ status: 'resolved', resolutionNote: trimmed })
      .where(and(eq(pendingActions.id, pendingActionId), eq(pendingActions.status, 'failed')))
      .returning();
    if (!row) {
      const current = await findActionById(tx, pendingActionId);
      if (!current) throw new ApprovalNotFoundError(pendingActionId);
      throw new ApprovalStateConflictError(
        `실패 상태의 작업만 처리 완료로 바꿀 수 있습니다 (현재 상태: ${actionStatusLabel(current.status)})`,
        current.status,
      );
    }
    await appendEvent(tx, {
      apInfId: row.apInfId,
      pendingActionId: row.id,
      actor: actor.id,
      eventType: APPROVAL_EVENTS.resolved,
      fromStatus: 'failed',
      toStatus: 'resolved',
      detail: { note: trimmed },
    });
    await notifyDecision(tx, row.apInfId);
    return row;
  });
}
