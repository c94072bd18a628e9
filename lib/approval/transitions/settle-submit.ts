import { eq } from 'drizzle-orm';
import { getDb } from '@/db';
import { approvalLogs, type PendingAction, type PendingActionStatus, users } from '@/db/schema';
import { type ApprovalLineEntryInput, submitApproval } from '@/lib/knox-api/approval';
import { APPROVAL_EVENTS, isOpenStatus, OPEN_STATUSES, SYSTEM_ACTORS } from '../model';
import { findActionById } from '../store';
import { finishWithCompensation } from './finish';
import { attemptSubmit, markSubmitted, markSubmitUnknown, recordAccepted } from './submit';

/**
 * Settles an action whose submit outcome is unknown (`submit_unknown`, or `pending` never confirmed
 * because its process died mid-submit): when Knox does not have the document, submits it once more
 * with the same id and content. Returns the action's status afterwards.
 */
export async function settleUnknownSubmit(
  action: PendingAction,
  knoxHasIt: boolean,
): Promise<PendingActionStatus> {
  const db = await getDb();
  if (knoxHasIt) return (await markSubmitted(db, action, 'confirmed')) ?? 'pending';
  // Withdrawn (or expired) since it was read: a resubmit now would create a document nobody wants.
  const current = await findActionById(db, action.id);
  if (!current || !isOpenStatus(current.status)) {
    return current?.status ?? action.status;
  }
  const [doc] = await db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, action.apInfId));
  if (!doc) throw new Error(`approval_logs row missing for ${action.apInfId}`);
  const line = (doc.approvalLine ?? []) as ApprovalLineEntryInput[];
  const [requester] = doc.requesterId
    ? await db.select({ email: users.email }).from(users).where(eq(users.id, doc.requesterId))
    : [];
  const outcome = await attemptSubmit(() =>
    submitApproval({
      apInfId: action.apInfId,
      subject: doc.title,
      contents: doc.content,
      drafter: {
        epId: doc.requesterEpId,
        ...(doc.requesterId ? { userId: doc.requesterId } : {}),
        ...(requester?.email ? { emailAddress: requester.email } : {}),
      },
      line,
    }),
  );
  if (outcome.kind === 'submitted') {
    return (await recordAccepted(db, action, 'resubmitted')) ?? 'pending';
  }
  if (outcome.kind === 'refused') {
    await finishWithCompensation(action.apInfId, {
      to: 'failed',
      from: [...OPEN_STATUSES],
      actor: SYSTEM_ACTORS.poller,
      eventType: APPROVAL_EVENTS.submitRefused,
      message: `Knox 상신 거부 (${outcome.code}): ${outcome.message}`,
      detail: { knoxCode: outcome.code, knoxMessage: outcome.message },
    });
    return 'failed';
  }
  if (action.status === 'pending') await markSubmitUnknown(db, action, outcome.reason);
  return 'submit_unknown';
}
