import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { approvalLogs, type PendingAction } from '@/db/schema';
import { env } from '@/lib/env';
import {
  type ApprovalStatusResult,
  getApprovalStatuses,
  KNOX_STATUS_LABELS,
  knoxStatusOutcome,
} from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { errorText } from '../errors';
import {
  APPROVAL_EVENTS,
  CLOSED_UNCONFIRMED,
  type DocumentOutcome,
  isOpenStatus,
  KNOX_CANCELLED_STATUS,
  type KnoxRefusalStatus,
  OPEN_STATUSES,
  SYSTEM_ACTORS,
} from '../model';
import { databaseNow, findActionByApInfId } from '../store';
import { executeApprovedAction } from '../transitions/execute';
import { finishWithCompensation, handleRejectedAction } from '../transitions/finish';
import { cancelInKnox } from '../transitions/knox-cancel';
import { settleUnknownSubmit } from '../transitions/settle-submit';
import type { ActionActor } from '../types';
import { type AbsentPlan, confirmsLostSubmit, decideAbsent, decideFound } from './decide';
import { settleOrphanedDocument } from './orphan';
import { syncApprovalLog } from './record-answer';

const pollLog = () => logger().child({ component: 'approval-poller' });

const isOpen = (action: PendingAction) => isOpenStatus(action.status);

export interface ProcessResult {
  outcome: DocumentOutcome;
  updated: boolean;
}

/**
 * Applies one Knox status answer to its action: records it, then executes (2/5/6), rejects (3/4),
 * settles an unknown submit, fails a document Knox no longer knows (APE020), or expires an old one.
 */
export async function processKnoxStatus(
  apInfId: string,
  result: ApprovalStatusResult,
  actor: ActionActor = SYSTEM_ACTORS.poller,
): Promise<ProcessResult> {
  // Knox answered for it, but not readably: nothing is known; the next cycle asks again.
  if (result.found === 'unreadable') return { outcome: 'none', updated: false };
  const db = await getDb();
  const action = await findActionByApInfId(db, apInfId);
  if (!action || action.approvalBypassed) return { outcome: 'none', updated: false };
  return processAnswer(action, result, actor);
}

/**
 * processKnoxStatus for a row already read: every later step works on this row (the one locked
 * read is in the compare-and-set move that changes it), so it is not read again here.
 */
async function processAnswer(
  initial: PendingAction,
  result: Exclude<ApprovalStatusResult, { found: 'unreadable' }>,
  actor: ActionActor,
): Promise<ProcessResult> {
  const db = await getDb();
  const apInfId = initial.apInfId;
  let action = initial;
  if ((CLOSED_UNCONFIRMED as readonly string[]).includes(action.status)) {
    const orphan = await settleOrphanedDocument(db, apInfId, result);
    if (orphan) return orphan;
  }
  // Ages are judged by the clock that wrote created_at: an instance whose own clock runs ahead
  // would otherwise resubmit documents still in flight, or expire young ones.
  const now = await databaseNow(db);

  if (!result.found) {
    const doc =
      action.status === 'pending'
        ? (
            await db
              .select({ submittedAt: approvalLogs.submittedAt })
              .from(approvalLogs)
              .where(eq(approvalLogs.apInfId, apInfId))
          )[0]
        : undefined;
    return applyAbsentPlan(action, decideAbsent(action, doc?.submittedAt ?? null, now), actor);
  }

  const verdict = knoxStatusOutcome(result.status);
  const needOpinion = verdict === 'reject' && isOpen(action);
  const sync = await syncApprovalLog(db, apInfId, result, needOpinion);
  // A newer answer was recorded (and acted on) meanwhile; this one describes the past.
  if (sync.stale) return { outcome: 'none', updated: false };
  if (confirmsLostSubmit(action, sync.submittedAt, now)) {
    // Knox has it: the submit whose answer was lost (or whose process died) did land. The move
    // reports the status it found when it did not move, so the row need not be read again.
    action = { ...action, status: await settleUnknownSubmit(action, true) };
  }

  const plan = decideFound(action, verdict, now);
  if (plan === 'execute') {
    metrics().decisions.inc({ outcome: 'approved' });
    const execution = await executeApprovedAction(apInfId, actor);
    if (execution.executedNow) {
      pollLog().debug({ apInfId }, `[Approval Polling] ✅ Executed approved action: ${apInfId}`);
      return { outcome: 'executed', updated: sync.changed };
    }
    return { outcome: execution.status === 'failed' ? 'failed' : 'none', updated: sync.changed };
  }
  if (plan === 'reject') {
    const reached = await handleRejectedAction(apInfId, sync.opinion, {
      knoxStatus: result.status as KnoxRefusalStatus,
      actor: { id: 'knox' },
    });
    pollLog().info(
      { apInfId, status: reached },
      `[Approval Polling] ❌ ${KNOX_STATUS_LABELS[result.status]}: ${apInfId}`,
    );
    return {
      outcome: reached === 'failed' ? 'failed' : reached ? 'rejected' : 'none',
      updated: sync.changed,
    };
  }
  if (plan === 'expire') {
    const reached = await expireApproval(action, actor);
    return { outcome: reached ?? 'none', updated: true };
  }
  return { outcome: 'waiting', updated: sync.changed };
}

/** Carries out what decideAbsent planned for a document Knox does not have. */
async function applyAbsentPlan(
  action: PendingAction,
  plan: AbsentPlan,
  actor: ActionActor,
): Promise<ProcessResult> {
  const apInfId = action.apInfId;
  switch (plan) {
    case 'expire_unsubmitted': {
      const reached = await finishWithCompensation(apInfId, {
        to: 'expired',
        from: ['submit_unknown'],
        actor,
        eventType: APPROVAL_EVENTS.expired,
        message: `결재 기한(${env().APPROVAL_MAX_AGE_DAYS}일) 동안 Knox 상신을 확인하지 못해 만료되었습니다`,
        detail: { maxAgeDays: env().APPROVAL_MAX_AGE_DAYS, submitted: false },
      });
      return {
        outcome: reached === 'failed' ? 'failed' : reached ? 'expired' : 'none',
        updated: Boolean(reached),
      };
    }
    case 'resubmit_unknown': {
      const status = await settleUnknownSubmit(action, false);
      return { outcome: status === 'failed' ? 'failed' : 'settled', updated: status !== 'submit_unknown' };
    }
    case 'resubmit_unconfirmed': {
      const status = await settleUnknownSubmit(action, false);
      return { outcome: status === 'failed' ? 'failed' : 'settled', updated: true };
    }
    case 'recheck_missing':
      return recheckMissing(action, actor);
    case 'none':
      return { outcome: 'none', updated: false };
  }
}

/**
 * Knox once confirmed the document and now says it has none. The answer may predate the
 * confirmation (asked while another instance's submit was landing): ask once more, and only a
 * fresh "absent" makes the action failed (APE020), compensated.
 */
async function recheckMissing(action: PendingAction, actor: ActionActor): Promise<ProcessResult> {
  const apInfId = action.apInfId;
  let fresh: ApprovalStatusResult | undefined;
  try {
    [fresh] = await getApprovalStatuses([apInfId]);
  } catch {
    return { outcome: 'none', updated: false };
  }
  // A fresh answer is processed against a fresh row: time has passed since it was read.
  if (fresh?.found) return processKnoxStatus(apInfId, fresh, actor);
  const reached = await finishWithCompensation(apInfId, {
    to: 'failed',
    from: ['pending'],
    actor,
    eventType: APPROVAL_EVENTS.knoxDocumentMissing,
    message:
      'Knox에 이 결재 문서가 없습니다 (APE020). Knox에서 삭제되었거나 보존기간이 지났습니다. 업무 변경은 원상복구되었습니다; 필요하면 다시 상신하세요.',
    detail: { knoxCode: 'APE020' },
  });
  if (reached) metrics().decisions.inc({ outcome: 'vanished' });
  return { outcome: reached ? 'failed' : 'none', updated: Boolean(reached) };
}

/** Withdraws a document left open longer than APPROVAL_MAX_AGE_DAYS and compensates → `expired`. */
async function expireApproval(
  action: PendingAction,
  actor: ActionActor,
): Promise<'expired' | 'failed' | null> {
  const days = env().APPROVAL_MAX_AGE_DAYS;
  const opinion = `결재 기한(${days}일) 초과로 자동 상신취소되었습니다`;
  try {
    await cancelOrProcess(action.apInfId, opinion, false, actor);
  } catch (error) {
    pollLog().warn(
      { apInfId: action.apInfId, err: errorText(error) },
      '[Approval Polling] expiry cancel failed',
    );
    return null;
  }
  const reached = await finishWithCompensation(action.apInfId, {
    to: 'expired',
    from: [...OPEN_STATUSES],
    actor,
    eventType: APPROVAL_EVENTS.expired,
    message: opinion,
    detail: { maxAgeDays: days },
    knoxStatus: KNOX_CANCELLED_STATUS,
  });
  if (reached === 'expired') metrics().decisions.inc({ outcome: 'expired' });
  return reached === 'expired' || reached === 'failed' ? reached : null;
}

/**
 * Withdraws a document in Knox (cancelInKnox); when Knox had already decided it, that decision is
 * processed here instead of what was asked, and `decided` returned.
 */
export async function cancelOrProcess(
  apInfId: string,
  opinion: string,
  submitUnconfirmed: boolean,
  actor: ActionActor,
): Promise<'cancelled' | 'absent' | 'decided'> {
  const cancel = await cancelInKnox(apInfId, opinion, submitUnconfirmed);
  if (cancel.kind !== 'decided') return cancel.kind;
  await processKnoxStatus(apInfId, cancel.status, actor);
  return 'decided';
}
