import { eq, sql } from 'drizzle-orm';
import { getDb } from '@/db';
import { approvalLogs } from '@/db/schema';
import {
  type ApprovalStatusResult,
  cancelApproval,
  getApprovalStatuses,
  KnoxNotFoundError,
  KnoxRefusedError,
  knoxStatusOutcome,
} from '@/lib/knox-api/approval';
import { approvalLogger } from '@/lib/observability/logger';
import { ApprovalStateConflictError, errorText, KnoxUnavailableError } from '../errors';
import { APPROVAL_EVENTS, KNOX_CANCELLED_STATUS, SYSTEM_ACTORS } from '../model';
import { appendEvent } from '../store';

const log = (apInfId: string) => approvalLogger(apInfId, 'approval-workflow');

const ORPHAN_OPINION = '상신취소된 요청의 뒤늦게 접수된 문서를 자동 상신취소합니다';

/**
 * Cancels in Knox a document whose action is already withdrawn or expired, and records on
 * approval_logs that Knox had it (submitted_at) and closed it, which ends the poller's follow-up.
 * Returns false when Knox could not be reached (the poller tries again).
 */
export async function cancelOrphanedDocument(apInfId: string): Promise<boolean> {
  try {
    await cancelApproval(apInfId, ORPHAN_OPINION);
  } catch (error) {
    log(apInfId).warn(
      { err: errorText(error) },
      '[Approval Workflow] cancelling an orphaned document failed',
    );
    return false;
  }
  const db = await getDb();
  await db
    .update(approvalLogs)
    .set({
      status: KNOX_CANCELLED_STATUS,
      submittedAt: sql`coalesce(${approvalLogs.submittedAt}, now())`,
      lastSyncedAt: sql`now()`,
    })
    .where(eq(approvalLogs.apInfId, apInfId));
  await appendEvent(db, {
    apInfId,
    pendingActionId: null,
    actor: SYSTEM_ACTORS.workflow.id,
    eventType: APPROVAL_EVENTS.orphanCancelled,
    detail: { reason: 'the submit landed in Knox after the action was closed' },
  });
  log(apInfId).warn('[Approval Workflow] a document that landed after its withdraw was cancelled in Knox');
  return true;
}

/** What a cancel in Knox came to; `decided` carries the decision Knox had already made instead. */
export type KnoxCancelResult =
  | { kind: 'cancelled' }
  | { kind: 'absent' }
  | { kind: 'decided'; status: Extract<ApprovalStatusResult, { found: true }> };

/**
 * Withdraws a document in Knox. Knox not knowing a never-confirmed submit counts as withdrawn
 * (`absent`); a document Knox already decided comes back as `decided` with Knox's answer, for the
 * caller to process (reconcile) instead of what was asked.
 */
export async function cancelInKnox(
  apInfId: string,
  opinion: string,
  submitUnconfirmed: boolean,
): Promise<KnoxCancelResult> {
  try {
    await cancelApproval(apInfId, opinion);
    return { kind: 'cancelled' };
  } catch (error) {
    if (error instanceof KnoxNotFoundError && submitUnconfirmed) return { kind: 'absent' };
    let status: ApprovalStatusResult | undefined;
    try {
      [status] = await getApprovalStatuses([apInfId]);
    } catch (statusError) {
      throw new KnoxUnavailableError(errorText(statusError), { cause: error });
    }
    if (status?.found === 'unreadable') {
      throw new KnoxUnavailableError(`Knox가 읽을 수 없는 문서 상태를 보냈습니다: ${status.reason}`, {
        cause: error,
      });
    }
    if (!status?.found) {
      if (submitUnconfirmed) return { kind: 'absent' };
      throw new KnoxUnavailableError(`Knox에 결재 문서가 없습니다 (${apInfId})`, { cause: error });
    }
    if (status.status === KNOX_CANCELLED_STATUS) return { kind: 'cancelled' };
    if (knoxStatusOutcome(status.status) === 'wait') {
      if (error instanceof KnoxRefusedError) {
        throw new ApprovalStateConflictError(`Knox가 상신취소를 거부했습니다: ${error.message}`);
      }
      throw new KnoxUnavailableError(errorText(error), { cause: error });
    }
    return { kind: 'decided', status };
  }
}
