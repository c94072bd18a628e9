import { getDb } from '@/db';
import type { PendingAction } from '@/db/schema';
import { type ApprovalStatusResult, getApprovalStatuses, type KnoxStatus } from '@/lib/knox-api/approval';
import { ApprovalNotFoundError, errorText, KnoxUnavailableError } from '../errors';
import { type DocumentOutcome, SYSTEM_ACTORS } from '../model';
import { processKnoxStatus } from '../reconcile/process';
import { findActionByApInfId } from '../store';

export interface SingleStatusResult {
  apInfId: string;
  /** Knox's status code, or null when Knox does not know the document (or it bypassed approval). */
  knoxStatus: number | null;
  found: boolean;
  /** The action's status after processing. */
  actionStatus: PendingAction['status'];
  outcome: DocumentOutcome;
}

/** Asks Knox about one document now and processes the answer (the UI's 새로고침). */
export async function checkSingleApprovalStatus(apInfId: string): Promise<SingleStatusResult> {
  const db = await getDb();
  const action = await findActionByApInfId(db, apInfId);
  if (!action) throw new ApprovalNotFoundError(apInfId);
  if (action.approvalBypassed) {
    return { apInfId, knoxStatus: null, found: false, actionStatus: action.status, outcome: 'none' };
  }
  let status: ApprovalStatusResult | undefined;
  try {
    [status] = await getApprovalStatuses([apInfId]);
  } catch (error) {
    throw new KnoxUnavailableError(errorText(error), { cause: error });
  }
  if (status!.found === 'unreadable') {
    throw new KnoxUnavailableError(`Knox가 읽을 수 없는 문서 상태를 보냈습니다: ${status!.reason}`);
  }
  const { outcome } = await processKnoxStatus(apInfId, status!, SYSTEM_ACTORS.poller);
  const after = (await findActionByApInfId(db, apInfId))!;
  return {
    apInfId,
    knoxStatus: status!.found ? (status!.status as KnoxStatus) : null,
    found: status!.found,
    actionStatus: after.status,
    outcome,
  };
}
