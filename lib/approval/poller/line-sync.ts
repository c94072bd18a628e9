import { and, asc, eq, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import { getDb } from '@/db';
import { approvalLogs } from '@/db/schema';
import { type ApprovalDetail, getApprovalDetail, KnoxNotFoundError } from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import { errorText } from '../errors';

const pollLog = () => logger().child({ component: 'approval-poller' });

/** Approval lines read at once by syncDecidedApprovalLines. */
const LINE_SYNC_CONCURRENCY = 4;

/**
 * Reads the approval line (opinions, decision times) of decided documents whose line was not read
 * since the decision — the batch path records decisions without it — and records it, oldest
 * decision first, up to `limit` per call. A document Knox no longer knows keeps the line it has.
 * Returns how many were recorded.
 */
export async function syncDecidedApprovalLines(limit = 1000): Promise<number> {
  const db = await getDb();
  const pending = await db
    .select({ apInfId: approvalLogs.apInfId })
    .from(approvalLogs)
    .where(
      and(
        isNotNull(approvalLogs.decidedAt),
        or(isNull(approvalLogs.lineSyncedAt), lt(approvalLogs.lineSyncedAt, approvalLogs.decidedAt)),
      ),
    )
    .orderBy(asc(approvalLogs.decidedAt))
    .limit(limit);
  const run = pLimit(LINE_SYNC_CONCURRENCY);
  // After one failed call the rest wait for the next cycle: with Knox down, a thousand calls each
  // retried to its time-out would hold the cycle for a long time.
  let knoxFailed = false;
  const recorded = await Promise.all(
    pending.map(({ apInfId }) =>
      run(async () => {
        if (knoxFailed) return false;
        let line: ApprovalDetail['aplns'] | undefined;
        try {
          line = (await getApprovalDetail(apInfId)).aplns;
        } catch (error) {
          if (!(error instanceof KnoxNotFoundError)) {
            knoxFailed = true;
            pollLog().warn({ apInfId, err: errorText(error) }, '[Approval Polling] detail call failed');
            return false;
          }
        }
        // now(): line_synced_at is compared with decided_at, which the database's clock wrote.
        await db
          .update(approvalLogs)
          .set({
            lastSyncedAt: sql`now()`,
            lineSyncedAt: sql`now()`,
            ...(line ? { approvalLine: line } : {}),
          })
          .where(eq(approvalLogs.apInfId, apInfId));
        return true;
      }),
    ),
  );
  return recorded.filter(Boolean).length;
}
