import { eq } from 'drizzle-orm';
import type { Tx } from '@/db';
import { type PendingActionStatus, pendingActions } from '@/db/schema';
import { ApprovalStateConflictError, InvalidApprovalConfigError } from './errors';

/** The ended states an approval may be asked for again from (다시 요청). */
export const REPLACEABLE_STATUSES = [
  'rejected',
  'withdrawn',
  'expired',
] as const satisfies readonly PendingActionStatus[];

const NOT_FOUND = '다시 요청할 결재를 찾을 수 없습니다';

/**
 * 다시 요청: checks, under the old row's lock in the new request's transaction, that `apInfId` is
 * the requester's own approval of the same action type, ended without running, and not replaced
 * yet; returns it for pending_actions.replaces_ap_inf_id. Someone else's approval reads as missing.
 * The lock orders two 다시 요청 of the same approval: the second sees the first's row and is refused.
 */
export async function checkReplaceable(
  tx: Tx,
  apInfId: string,
  actionType: string,
  requesterId: string,
): Promise<string> {
  const [old] = await tx
    .select({
      id: pendingActions.id,
      actionType: pendingActions.actionType,
      status: pendingActions.status,
      createdBy: pendingActions.createdBy,
    })
    .from(pendingActions)
    .where(eq(pendingActions.apInfId, apInfId))
    .for('update');
  if (!old || old.createdBy !== requesterId) throw new InvalidApprovalConfigError(`${NOT_FOUND}: ${apInfId}`);
  if (old.actionType !== actionType) {
    throw new InvalidApprovalConfigError('다른 종류의 요청은 다시 요청으로 이을 수 없습니다');
  }
  if (!(REPLACEABLE_STATUSES as readonly string[]).includes(old.status)) {
    throw new ApprovalStateConflictError(
      '반려·상신취소·기한 만료된 결재만 다시 요청할 수 있습니다',
      old.status,
    );
  }
  const [replacement] = await tx
    .select({ apInfId: pendingActions.apInfId })
    .from(pendingActions)
    .where(eq(pendingActions.replacesApInfId, apInfId));
  if (replacement) {
    throw new ApprovalStateConflictError(
      `이미 다시 요청한 결재입니다 (ID: ${replacement.apInfId})`,
      old.status,
    );
  }
  return apInfId;
}
