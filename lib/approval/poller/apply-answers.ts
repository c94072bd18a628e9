import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import { type Db, getDb } from '@/db';
import { pgArrayLiteral } from '@/db/raw-sql';
import { approvalLogs, pendingActions } from '@/db/schema';
import { type ApprovalStatusResult, knoxStatusOutcome } from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { errorText } from '../errors';
import { type DocumentOutcome, SYSTEM_ACTORS } from '../model';
import { processKnoxStatus } from '../reconcile/process';
import { executeApprovedActions } from '../transitions/execute';
import type { ActionActor } from '../types';

const pollLog = () => logger().child({ component: 'approval-poller' });

/** What processKnoxStatuses reports per document. */
export interface DocumentResult {
  apInfId: string;
  outcome: DocumentOutcome;
  updated: boolean;
  /** Why the document could not be processed (it is tried again next time). */
  error?: string;
}

/** Documents processed one by one at once (the batch path takes the common approved case). */
const SINGLE_DOCUMENT_CONCURRENCY = 4;

export interface ProcessOptions {
  /** Execution batches run side by side (default 1: the poller already runs Knox batches so). */
  batchConcurrency?: number;
  /** Approvals per execution transaction (default EXECUTION_BATCH_SIZE). */
  batchSize?: number;
}

/**
 * Applies many Knox answers at once (the poller's and the live poll's path). An approved document
 * in the common state — open, its submit confirmed — takes the batch path: the decisions are
 * recorded in one statement and the documents executed EXECUTION_BATCH_SIZE per transaction, so a
 * wave of approvals costs a few commits, not a few per document. Its approval line (opinions,
 * decision times) is read afterwards by syncDecidedApprovalLines and never holds up the
 * execution. Every other answer goes through processKnoxStatus, one document at a time.
 */
export async function processKnoxStatuses(
  statuses: readonly ApprovalStatusResult[],
  actor: ActionActor = SYSTEM_ACTORS.poller,
  options: ProcessOptions = {},
): Promise<DocumentResult[]> {
  const db = await getDb();
  const approved = statuses.filter(
    (status): status is Extract<ApprovalStatusResult, { found: true }> =>
      status.found === true && knoxStatusOutcome(status.status) === 'execute',
  );
  const batchable = await findBatchableApproved(db, approved);
  const results: DocumentResult[] = [];
  if (batchable.length > 0) {
    const rows = JSON.stringify(
      batchable.map((status) => ({
        ap_inf_id: status.apInfId,
        status: status.status,
        doc_chg_num: status.docChgNum,
      })),
    );
    await db.execute(sql`
      update approval_logs l
         set status = v.status, doc_chg_num = v.doc_chg_num, updated_at = now(),
             decided_at = case when l.status = v.status then l.decided_at else now() end
        from jsonb_to_recordset(${rows}::jsonb) as v(ap_inf_id text, status int, doc_chg_num int)
       where l.ap_inf_id = any(${pgArrayLiteral(batchable.map((status) => status.apInfId))}::text[])
         and l.ap_inf_id = v.ap_inf_id and l.doc_chg_num <= v.doc_chg_num`);
    metrics().decisions.inc({ outcome: 'approved' }, batchable.length);
    pollLog().info(
      { count: batchable.length },
      `[Approval Polling] ${batchable.length} documents approved in Knox: executing`,
    );
    const outcomes = await executeApprovedActions(
      batchable.map((status) => status.apInfId),
      actor,
      { concurrency: options.batchConcurrency ?? 1, batchSize: options.batchSize },
    );
    for (const execution of outcomes) {
      const outcome = execution.executedNow ? 'executed' : execution.status === 'failed' ? 'failed' : 'none';
      results.push({ apInfId: execution.apInfId, outcome, updated: true });
    }
  }
  const batched = new Set(batchable.map((status) => status.apInfId));
  const limit = pLimit(SINGLE_DOCUMENT_CONCURRENCY);
  const singles = await Promise.all(
    statuses
      .filter((status) => !batched.has(status.apInfId))
      .map((status) =>
        limit(async (): Promise<DocumentResult> => {
          if (status.found === 'unreadable') {
            // Refused alone by the client; shown on the poller's last error for an admin.
            const error = `Knox가 읽을 수 없는 상태를 보냈습니다 (${status.reason}); 다음 주기에 다시 확인합니다`;
            return { apInfId: status.apInfId, outcome: 'none', updated: false, error };
          }
          try {
            return { apInfId: status.apInfId, ...(await processKnoxStatus(status.apInfId, status, actor)) };
          } catch (error) {
            pollLog().error(
              { apInfId: status.apInfId, err: errorText(error) },
              '[Approval Polling] processing failed',
            );
            return { apInfId: status.apInfId, outcome: 'none', updated: false, error: errorText(error) };
          }
        }),
      ),
  );
  return [...results, ...singles];
}

/**
 * The approved answers whose action is in the common state for the batch path: `pending` with its
 * submit confirmed. Unknown submits and bypassed actions need processKnoxStatus.
 */
async function findBatchableApproved<S extends { apInfId: string }>(db: Db, approved: S[]): Promise<S[]> {
  if (approved.length === 0) return [];
  const rows = await db
    .select({ apInfId: pendingActions.apInfId })
    .from(pendingActions)
    .innerJoin(approvalLogs, eq(approvalLogs.apInfId, pendingActions.apInfId))
    .where(
      and(
        inArray(
          pendingActions.apInfId,
          approved.map((status) => status.apInfId),
        ),
        eq(pendingActions.status, 'pending'),
        eq(pendingActions.approvalBypassed, false),
        isNotNull(approvalLogs.submittedAt),
      ),
    );
  const ready = new Set(rows.map((row) => row.apInfId));
  return approved.filter((status) => ready.has(status.apInfId));
}
