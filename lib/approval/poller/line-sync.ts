import { and, asc, between, eq, gt, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import { getDb } from '@/db';
import { approvalLogs } from '@/db/schema';
import { type ApprovalDetail, getApprovalDetail, KnoxNotFoundError } from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import { errorText } from '../errors';
import { appendApproverActs, lineColumns } from '../transitions/record-line';

const pollLog = () => logger().child({ component: 'approval-poller' });

/** Approval lines read at once by syncDecidedApprovalLines. */
const LINE_SYNC_CONCURRENCY = 4;

/**
 * Reads the approval line (opinions, decision times) of the documents whose line is behind and
 * records it with one event per new approver's act, up to `limit` per call: decided documents whose
 * line was not read since the decision (the batch path records decisions without it), oldest
 * decision first, then open documents an approver acted on since (Knox raised doc_chg_num; the
 * quiet path records only the number). A document Knox no longer knows keeps the line it has.
 * Returns how many were recorded.
 */
export async function syncDecidedApprovalLines(limit = 1000): Promise<number> {
  const db = await getDb();
  const decided = await db
    .select({ apInfId: approvalLogs.apInfId, docChgNum: approvalLogs.docChgNum })
    .from(approvalLogs)
    .where(
      and(
        isNotNull(approvalLogs.decidedAt),
        or(isNull(approvalLogs.lineSyncedAt), lt(approvalLogs.lineSyncedAt, approvalLogs.decidedAt)),
      ),
    )
    .orderBy(asc(approvalLogs.decidedAt))
    .limit(limit);
  const acted =
    decided.length < limit
      ? await db
          .select({ apInfId: approvalLogs.apInfId, docChgNum: approvalLogs.docChgNum })
          .from(approvalLogs)
          .where(
            and(between(approvalLogs.status, -2, 1), gt(approvalLogs.docChgNum, approvalLogs.lineDocChgNum)),
          )
          .orderBy(asc(approvalLogs.createdAt))
          .limit(limit - decided.length)
      : [];
  const pending = [...decided, ...acted];
  const run = pLimit(LINE_SYNC_CONCURRENCY);
  // After one failed call the rest wait for the next cycle: with Knox down, a thousand calls each
  // retried to its time-out would hold the cycle for a long time.
  let knoxFailed = false;
  const recorded = await Promise.all(
    pending.map(({ apInfId, docChgNum }) =>
      run(async () => {
        if (knoxFailed) return false;
        let detail: ApprovalDetail | undefined;
        try {
          detail = await getApprovalDetail(apInfId);
        } catch (error) {
          if (!(error instanceof KnoxNotFoundError)) {
            knoxFailed = true;
            pollLog().warn({ apInfId, err: errorText(error) }, '[Approval Polling] detail call failed');
            return false;
          }
        }
        await db.transaction(async (tx) => {
          await tx
            .update(approvalLogs)
            .set({
              lastSyncedAt: sql`now()`,
              ...(detail
                ? lineColumns(detail.aplns, detail.docChgNum ?? docChgNum)
                : // Knox has forgotten it: nothing more to read for the change we know of.
                  {
                    lineSyncedAt: sql`now()`,
                    lineDocChgNum: sql`greatest(${approvalLogs.lineDocChgNum}, ${docChgNum})`,
                  }),
            })
            .where(eq(approvalLogs.apInfId, apInfId));
          if (detail) await appendApproverActs(tx, apInfId, detail);
        });
        return true;
      }),
    ),
  );
  return recorded.filter(Boolean).length;
}
