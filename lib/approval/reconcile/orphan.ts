import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { approvalLogs } from '@/db/schema';
import { type ApprovalStatusResult, knoxStatusOutcome } from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import type { DocumentOutcome } from '../model';
import { cancelOrphanedDocument } from '../transitions/knox-cancel';

const pollLog = () => logger().child({ component: 'approval-poller' });

/**
 * A withdrawn or expired action whose submit Knox never confirmed: a document Knox now shows open
 * landed after the withdraw (a resubmit in flight) and is cancelled; one Knox shows closed is
 * recorded as such, which ends the follow-up. Absent: still nothing to do. Null when the submit
 * was confirmed (an ordinary closed document: processed as usual).
 */
export async function settleOrphanedDocument(
  db: Db,
  apInfId: string,
  result: ApprovalStatusResult,
): Promise<{ outcome: DocumentOutcome; updated: boolean } | null> {
  const [doc] = await db
    .select({ submittedAt: approvalLogs.submittedAt })
    .from(approvalLogs)
    .where(eq(approvalLogs.apInfId, apInfId));
  if (!doc || doc.submittedAt) return null;
  if (result.found !== true) return { outcome: 'none', updated: false };
  if (knoxStatusOutcome(result.status) === 'wait') {
    return { outcome: 'none', updated: await cancelOrphanedDocument(apInfId) };
  }
  if (knoxStatusOutcome(result.status) === 'execute') {
    // Approved in the moment between landing and our cancel: the action stays closed (its
    // compensation ran); an admin must undo the approval in Knox by hand.
    pollLog().error(
      { apInfId, knoxStatus: result.status },
      '[Approval Polling] a document approved after its action was withdrawn; nothing was executed',
    );
  }
  await db
    .update(approvalLogs)
    .set({
      status: result.status,
      docChgNum: result.docChgNum,
      submittedAt: sql`now()`,
      lastSyncedAt: sql`now()`,
    })
    .where(eq(approvalLogs.apInfId, apInfId));
  return { outcome: 'none', updated: true };
}
