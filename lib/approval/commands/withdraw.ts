import { getDb } from '@/db';
import type { PendingAction } from '@/db/schema';
import { metrics } from '@/lib/observability/metrics';
import { ApprovalNotFoundError, ApprovalStateConflictError } from '../errors';
import { actionStatusLabel } from '../labels';
import { APPROVAL_EVENTS, isOpenStatus, KNOX_CANCELLED_STATUS, OPEN_STATUSES } from '../model';
import { cancelOrProcess } from '../reconcile/process';
import { findActionByApInfId } from '../store';
import { finishWithCompensation } from '../transitions/finish';
import type { ActionActor } from '../types';

/**
 * 상신취소 by the requester or an admin: cancel in Knox, then compensate → `withdrawn`. When Knox
 * says the document is already decided, that decision is processed instead and a conflict thrown.
 */
export async function withdrawApproval(
  apInfId: string,
  opinion: string,
  actor: ActionActor,
): Promise<PendingAction> {
  const db = await getDb();
  const action = await findActionByApInfId(db, apInfId);
  if (!action) throw new ApprovalNotFoundError(apInfId);
  if (!isOpenStatus(action.status)) {
    throw new ApprovalStateConflictError(
      `진행 중인 결재만 상신취소할 수 있습니다 (현재 상태: ${actionStatusLabel(action.status)})`,
      action.status,
    );
  }
  const text = opinion.trim() || '상신취소';
  // Knox not having a never-confirmed document settles the withdraw only if, under the row lock,
  // the submit is still unconfirmed: a resubmit recorded meanwhile means Knox has it now, so the
  // cancel is sent again. (A resubmit landing after the withdraw cancels its own document.)
  for (let attempt = 1; ; attempt += 1) {
    const current = (await findActionByApInfId(db, apInfId))!;
    if (!isOpenStatus(current.status)) break;
    const unconfirmed = current.status === 'submit_unknown';
    const how = await cancelOrProcess(apInfId, text, unconfirmed, actor);
    if (how === 'decided') {
      throw new ApprovalStateConflictError(
        '이미 결재가 처리된 문서라 상신취소할 수 없습니다. 결재 결과를 반영했습니다.',
      );
    }
    const reached = await finishWithCompensation(apInfId, {
      to: 'withdrawn',
      from: [...OPEN_STATUSES],
      actor,
      eventType: APPROVAL_EVENTS.withdrawn,
      message: text,
      detail: { opinion: text, by: actor.id, ...(how === 'absent' ? { knoxHadNoDocument: true } : {}) },
      knoxStatus: KNOX_CANCELLED_STATUS,
      onlyWhileUnconfirmed: how === 'absent',
    });
    if (reached !== null || attempt >= 3) break;
  }
  metrics().decisions.inc({ outcome: 'withdrawn' });
  const after = (await findActionByApInfId(db, apInfId))!;
  if (after.status !== 'withdrawn' && after.status !== 'failed') {
    throw new ApprovalStateConflictError(
      `결재 상태가 이미 바뀌었습니다 (현재 상태: ${actionStatusLabel(after.status)})`,
      after.status,
    );
  }
  return after;
}
