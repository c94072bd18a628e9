import { and, eq, inArray, sql } from 'drizzle-orm';
import { getDb, type Tx } from '@/db';
import { approvalLogs, type PendingActionStatus, pendingActions } from '@/db/schema';
import { KNOX_STATUS } from '@/lib/knox-api/approval';
import { approvalLogger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { errorText } from '../errors';
import { APPROVAL_EVENTS, type ApprovalEventType, type KnoxRefusalStatus, OPEN_STATUSES } from '../model';
import { getActionHandler } from '../registry';
import { appendEvent, type EventInput, notifyDecision } from '../store';
import type { ActionActor, ActionContext } from '../types';
import { notifyPeople } from './notify-people';

const log = (apInfId: string) => approvalLogger(apInfId, 'approval-workflow');

export interface FinishOptions {
  to: 'rejected' | 'withdrawn' | 'expired' | 'failed';
  from: readonly PendingActionStatus[];
  actor: ActionActor;
  eventType: ApprovalEventType;
  message: string | null;
  detail?: Record<string, unknown>;
  /** Knox status to record on the document in the same transaction. */
  knoxStatus?: number;
  /**
   * Only while Knox's acceptance is unrecorded (approval_logs.submitted_at null), checked under the
   * row lock: a withdraw that found no document in Knox must not settle once a submit is recorded.
   */
  onlyWhileUnconfirmed?: boolean;
}

/**
 * Moves an open action to a final state and runs the handler's `compensate` in the same transaction.
 * When compensate throws, nothing of it is kept and the action becomes `failed` with the reason, so
 * an admin sees that the business data was not put back. Returns the status reached, or null when
 * the action was no longer in one of `from`.
 */
export async function finishWithCompensation(
  apInfId: string,
  options: FinishOptions,
): Promise<PendingActionStatus | null> {
  const db = await getDb();
  try {
    return await db.transaction(async (tx) => {
      const [before] = await tx
        .select()
        .from(pendingActions)
        .where(and(eq(pendingActions.apInfId, apInfId), inArray(pendingActions.status, [...options.from])))
        .for('update');
      if (!before) return null;
      if (options.onlyWhileUnconfirmed) {
        const [doc] = await tx
          .select({ submittedAt: approvalLogs.submittedAt })
          .from(approvalLogs)
          .where(eq(approvalLogs.apInfId, apInfId));
        if (doc?.submittedAt) return null;
      }
      await tx
        .update(pendingActions)
        .set({ status: options.to, errorMessage: options.message })
        .where(eq(pendingActions.id, before.id));
      const handler = getActionHandler(before.actionType);
      const ctx: ActionContext = { tx, apInfId, actor: options.actor, pendingActionId: before.id };
      if (handler?.compensate) await handler.compensate(before.actionPayload, ctx);
      await recordMove(tx, apInfId, options, {
        pendingActionId: before.id,
        eventType: options.eventType,
        fromStatus: before.status,
        toStatus: options.to,
        detail: {
          ...options.detail,
          ...(options.message ? { message: options.message } : {}),
          compensated: Boolean(handler?.compensate),
        },
      });
      return options.to;
    });
  } catch (error) {
    log(apInfId).error({ err: error }, '[Approval Workflow] compensation failed');
    const reason = `${options.eventType} 처리 중 원상복구(보상) 실패: ${errorText(error)}`;
    return db.transaction(async (tx) => {
      const [before] = await tx
        .select({ id: pendingActions.id, status: pendingActions.status })
        .from(pendingActions)
        .where(and(eq(pendingActions.apInfId, apInfId), inArray(pendingActions.status, [...options.from])))
        .for('update');
      if (!before) return null;
      const [row] = await tx
        .update(pendingActions)
        .set({ status: 'failed', errorMessage: reason })
        .where(eq(pendingActions.id, before.id))
        .returning();
      if (!row) return null;
      await recordMove(tx, apInfId, options, {
        pendingActionId: row.id,
        eventType: APPROVAL_EVENTS.compensationFailed,
        fromStatus: before.status,
        toStatus: 'failed',
        detail: { intended: options.to, error: errorText(error), ...options.detail },
      });
      return 'failed' as const;
    });
  }
}

/**
 * A rejected (반려) or withdrawn-in-Knox (상신취소) document: the action becomes `rejected`
 * (or `withdrawn`) with the approver's opinion, and `compensate` runs in the same transaction.
 */
export async function handleRejectedAction(
  apInfId: string,
  reason: string | null,
  options: { knoxStatus?: KnoxRefusalStatus; actor?: ActionActor } = {},
): Promise<PendingActionStatus | null> {
  const withdrawn = options.knoxStatus === KNOX_STATUS.WITHDRAWN;
  const status = await finishWithCompensation(apInfId, {
    to: withdrawn ? 'withdrawn' : 'rejected',
    from: [...OPEN_STATUSES],
    actor: options.actor ?? { id: 'knox' },
    eventType: withdrawn ? APPROVAL_EVENTS.withdrawn : APPROVAL_EVENTS.rejected,
    message: reason,
    detail: { opinion: reason },
    knoxStatus: options.knoxStatus ?? KNOX_STATUS.REJECTED,
  });
  if (status) metrics().decisions.inc({ outcome: withdrawn ? 'withdrawn' : 'rejected' });
  return status;
}

/**
 * The rest of a finishing move, in its transaction: the Knox decision, the event, the people it
 * concerns told, the NOTIFY.
 */
async function recordMove(
  tx: Tx,
  apInfId: string,
  options: Pick<FinishOptions, 'actor' | 'knoxStatus'>,
  event: Omit<EventInput, 'apInfId' | 'actor'>,
): Promise<void> {
  if (options.knoxStatus !== undefined) await recordKnoxDecision(tx, apInfId, options.knoxStatus);
  const eventId = await appendEvent(tx, { apInfId, actor: options.actor.id, ...event });
  await notifyPeople(tx, [eventId]);
  await notifyDecision(tx, apInfId);
}

/** Records on the document that Knox decided it (the status that ended it, and when we learned it). */
async function recordKnoxDecision(tx: Tx, apInfId: string, knoxStatus: number): Promise<void> {
  // The database's clock, like every other decided_at / line_synced_at write (they are compared).
  await tx
    .update(approvalLogs)
    .set({ status: knoxStatus, decidedAt: sql`now()`, lastSyncedAt: sql`now()` })
    .where(eq(approvalLogs.apInfId, apInfId));
}
