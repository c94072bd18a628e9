import { and, eq, notInArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { approvalLogs } from '@/db/schema';
import {
  type ApprovalDetail,
  type ApprovalStatusResult,
  getApprovalDetail,
  KNOX_LINE_STATUS,
} from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import { errorText } from '../errors';
import { isKnoxDecided, KNOX_DECIDED_STATUSES } from '../model';
import { appendApproverActs, lineColumns } from '../transitions/record-line';

const pollLog = () => logger().child({ component: 'approval-poller' });

export interface SyncResult {
  changed: boolean;
  /** The answer was older than what approval_logs holds: nothing was recorded or should be acted on. */
  stale: boolean;
  submittedAt: Date | null;
  previousStatus: number | null;
  opinion: string | null;
}

/** The decision opinion in a detail: the rejecting approver's, else the last one written. */
function decisionOpinion(detail: ApprovalDetail | undefined): string | null {
  if (!detail) return null;
  const rejected = detail.aplns.find(
    (entry) =>
      entry.aplnStatsCode === KNOX_LINE_STATUS.REJECTED ||
      entry.aplnStatsCode === KNOX_LINE_STATUS.AUTO_REJECTED,
  );
  if (rejected?.opinion) return rejected.opinion;
  const withOpinion = [...detail.aplns].reverse().find((entry) => entry.opinion);
  return withOpinion?.opinion ?? null;
}

/**
 * approval_logs is monotone: an answer may be recorded only when its doc_chg_num is not behind the
 * recorded one, and a decided status is never replaced by an open one (our own 상신취소
 * records WITHDRAWN without a new doc_chg_num, so the number alone does not tell).
 */
export function notNewerThan(status: number, docChgNum: number) {
  return and(
    sql`${approvalLogs.docChgNum} <= ${docChgNum}`,
    isKnoxDecided(status) ? undefined : notInArray(approvalLogs.status, [...KNOX_DECIDED_STATUSES]),
  )!;
}

/** Records what Knox reported on approval_logs; asks for the detail (line, opinions) when it changed. */
export async function syncApprovalLog(
  db: Db | Tx,
  apInfId: string,
  result: Extract<ApprovalStatusResult, { found: true }>,
  needOpinion: boolean,
): Promise<SyncResult> {
  const [doc] = await db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, apInfId));
  const previousStatus = doc?.status ?? null;
  const changed = !doc || doc.status !== result.status || doc.docChgNum !== result.docChgNum;
  const statusChanged = !doc || doc.status !== result.status;
  // An approver acted since the line was read (Knox raises doc_chg_num on every act).
  const lineBehind = !doc || result.docChgNum > doc.lineDocChgNum;
  let detail: ApprovalDetail | undefined;
  if (statusChanged || needOpinion || lineBehind) {
    try {
      detail = await getApprovalDetail(apInfId);
    } catch (error) {
      pollLog().warn({ apInfId, err: errorText(error) }, '[Approval Polling] detail call failed');
    }
  }
  const decided = isKnoxDecided(result.status);
  // Times from the database's clock: decided_at is compared with line_synced_at, and the batch path
  // writes both with now(). The update is a compare-and-set against a newer answer already
  // recorded (see newerThanRecorded): a stale one changes nothing and is reported as such.
  // The row and the approvers' acts of the line it records commit together.
  const applied = await db.transaction(async (tx) => {
    const rows = await tx
      .update(approvalLogs)
      .set({
        status: result.status,
        docChgNum: result.docChgNum,
        lastSyncedAt: sql`now()`,
        // Without the detail the line is still unread: syncDecidedApprovalLines picks it up.
        ...(detail ? lineColumns(detail.aplns, detail.docChgNum ?? result.docChgNum) : {}),
        ...(statusChanged && decided ? { decidedAt: sql`now()` } : {}),
      })
      .where(and(eq(approvalLogs.apInfId, apInfId), notNewerThan(result.status, result.docChgNum)))
      .returning({ apInfId: approvalLogs.apInfId });
    if (rows.length > 0 && detail) await appendApproverActs(tx, apInfId, detail);
    return rows;
  });
  if (doc && applied.length === 0) {
    pollLog().info(
      { apInfId, recorded: { status: doc.status, docChgNum: doc.docChgNum }, answer: result },
      '[Approval Polling] stale Knox answer ignored',
    );
    return { changed: false, stale: true, previousStatus, opinion: null, submittedAt: doc.submittedAt };
  }
  if (statusChanged) {
    pollLog().info(
      { apInfId, from: previousStatus, to: result.status },
      `[Approval Polling] Status changed: ${apInfId} (${previousStatus} → ${result.status})`,
    );
  }
  return {
    changed,
    stale: false,
    previousStatus,
    opinion: decisionOpinion(detail),
    submittedAt: doc?.submittedAt ?? null,
  };
}
