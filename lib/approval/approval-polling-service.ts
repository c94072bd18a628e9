import { hostname } from 'node:os';
import { and, asc, eq, gt, inArray, isNotNull, isNull, lt, or, sql } from 'drizzle-orm';
import cron, { type ScheduledTask } from 'node-cron';
import pLimit from 'p-limit';
import { type Db, getDb, type Tx } from '@/db';
import { pgArrayLiteral, rowsOf } from '@/db/raw-sql';
import { approvalLogs, type PendingAction, pendingActions, schedulerLeases } from '@/db/schema';
import { env } from '@/lib/env';
import {
  type ApprovalDetail,
  type ApprovalStatusResult,
  getApprovalDetail,
  getApprovalStatuses,
  KNOX_STATUS_BATCH_SIZE,
  KNOX_STATUS_LABELS,
  KnoxNotFoundError,
  type KnoxStatus,
  knoxStatusOutcome,
} from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import {
  cancelInKnox,
  cancelOrphanedDocument,
  finishWithCompensation,
  handleRejectedAction,
  settleUnknownSubmit,
} from './approval-workflow';
import { ApprovalNotFoundError, KnoxUnavailableError } from './errors';
import { executeApprovedAction, executeApprovedActions } from './execution';
import { databaseNow, errorText, findActionByApInfId, OPEN_STATUSES, SYSTEM_ACTORS } from './state';
import type { ActionActor, PollerState, PollSummary } from './types';

const pollLog = () => logger().child({ component: 'approval-poller' });

/** Closed states whose document the poller still follows while its submit was never confirmed. */
const CLOSED_UNCONFIRMED = ['withdrawn', 'expired'] as const;

/** The scheduler_leases row of the poller; /api/health reads its last_run_at. */
export const POLLER_LEASE_NAME = 'approval-poller';

/** What one document's check led to. */
export type DocumentOutcome = 'executed' | 'rejected' | 'failed' | 'expired' | 'waiting' | 'settled' | 'none';

interface SyncResult {
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
  const rejected = detail.aplns.find((entry) => entry.aplnStatsCode === 2 || entry.aplnStatsCode === 6);
  if (rejected?.opinion) return rejected.opinion;
  const withOpinion = [...detail.aplns].reverse().find((entry) => entry.opinion);
  return withOpinion?.opinion ?? null;
}

/**
 * approval_logs is monotone: an answer may be recorded only when its doc_chg_num is not behind the
 * recorded one, and a decided status (2..6) is never replaced by an open one (our own 상신취소
 * records 4 without a new doc_chg_num, so the number alone does not tell).
 */
export function notNewerThan(status: number, docChgNum: number) {
  const decided = knoxStatusOutcome(status) !== 'wait';
  return and(
    sql`${approvalLogs.docChgNum} <= ${docChgNum}`,
    decided ? undefined : sql`${approvalLogs.status} not in (2, 3, 4, 5, 6)`,
  )!;
}

/** Records what Knox reported on approval_logs; asks for the detail (line, opinions) when it changed. */
async function syncApprovalLog(
  db: Db | Tx,
  apInfId: string,
  result: Extract<ApprovalStatusResult, { found: true }>,
  needOpinion: boolean,
): Promise<SyncResult> {
  const [doc] = await db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, apInfId));
  const previousStatus = doc?.status ?? null;
  const changed = !doc || doc.status !== result.status || doc.docChgNum !== result.docChgNum;
  const statusChanged = !doc || doc.status !== result.status;
  let detail: ApprovalDetail | undefined;
  if (statusChanged || needOpinion) {
    try {
      detail = await getApprovalDetail(apInfId);
    } catch (error) {
      pollLog().warn({ apInfId, err: errorText(error) }, '[Approval Polling] detail call failed');
    }
  }
  const decided = knoxStatusOutcome(result.status) !== 'wait';
  // Times from the database's clock: decided_at is compared with line_synced_at, and the batch path
  // writes both with now(). The update is a compare-and-set against a newer answer already
  // recorded (see newerThanRecorded): a stale one changes nothing and is reported as such.
  const applied = await db
    .update(approvalLogs)
    .set({
      status: result.status,
      docChgNum: result.docChgNum,
      lastSyncedAt: sql`now()`,
      // Without the detail the line is still unread: syncDecidedApprovalLines picks it up.
      ...(detail ? { approvalLine: detail.aplns, lineSyncedAt: sql`now()` } : {}),
      ...(statusChanged && decided ? { decidedAt: sql`now()` } : {}),
    })
    .where(and(eq(approvalLogs.apInfId, apInfId), notNewerThan(result.status, result.docChgNum)))
    .returning({ apInfId: approvalLogs.apInfId });
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

const isOpen = (action: PendingAction) => (OPEN_STATUSES as readonly string[]).includes(action.status);
const claimExpired = (action: PendingAction, now: Date) =>
  action.status === 'executing' &&
  action.claimExpiresAt !== null &&
  action.claimExpiresAt.getTime() < now.getTime();

/**
 * Applies one Knox status answer to its action: records it, then executes (2/5/6), rejects (3/4),
 * settles an unknown submit, fails a document Knox no longer knows (APE020), or expires an old one.
 */
export async function processKnoxStatus(
  apInfId: string,
  result: ApprovalStatusResult,
  actor: ActionActor = SYSTEM_ACTORS.poller,
): Promise<{ outcome: DocumentOutcome; updated: boolean }> {
  // Knox answered for it, but not readably: nothing is known; the next cycle asks again.
  if (result.found === 'unreadable') return { outcome: 'none', updated: false };
  const db = await getDb();
  let action = await findActionByApInfId(db, apInfId);
  if (!action || action.approvalBypassed) return { outcome: 'none', updated: false };
  if ((CLOSED_UNCONFIRMED as readonly string[]).includes(action.status)) {
    const orphan = await settleOrphanedDocument(db, apInfId, result);
    if (orphan) return orphan;
  }
  // Ages are judged by the clock that wrote created_at: an instance whose own clock runs ahead
  // would otherwise resubmit documents still in flight, or expire young ones.
  const now = await databaseNow(db);

  if (!result.found) {
    if (action.status === 'submit_unknown' && isTooOld(action, now)) {
      // Knox never got it and nobody could reach Knox for the whole approval period: give up.
      const reached = await finishWithCompensation(apInfId, {
        to: 'expired',
        from: ['submit_unknown'],
        actor,
        eventType: 'expired',
        message: `결재 기한(${env().APPROVAL_MAX_AGE_DAYS}일) 동안 Knox 상신을 확인하지 못해 만료되었습니다`,
        detail: { maxAgeDays: env().APPROVAL_MAX_AGE_DAYS, submitted: false },
      });
      return {
        outcome: reached === 'failed' ? 'failed' : reached ? 'expired' : 'none',
        updated: Boolean(reached),
      };
    }
    if (action.status === 'submit_unknown') {
      const status = await settleUnknownSubmit(action, false);
      return { outcome: status === 'failed' ? 'failed' : 'settled', updated: status !== 'submit_unknown' };
    }
    if (action.status === 'pending') {
      const [doc] = await db
        .select({ submittedAt: approvalLogs.submittedAt })
        .from(approvalLogs)
        .where(eq(approvalLogs.apInfId, apInfId));
      if (!doc?.submittedAt) {
        // Our submit is still in flight (Knox may not have stored it yet), or its process died
        // before learning the outcome: never call that APE020. After the grace period it is an
        // unknown submit and is settled like one (ask, then resubmit with the same id).
        if (now.getTime() - action.createdAt.getTime() < submitGraceMs())
          return { outcome: 'none', updated: false };
        const status = await settleUnknownSubmit(action, false);
        return { outcome: status === 'failed' ? 'failed' : 'settled', updated: true };
      }
      // The answer may predate the submit being confirmed (asked while another instance's submit
      // was landing). Ask once more now that the confirmation is known: only a fresh "absent" counts.
      let fresh: ApprovalStatusResult | undefined;
      try {
        [fresh] = await getApprovalStatuses([apInfId]);
      } catch {
        return { outcome: 'none', updated: false };
      }
      if (fresh?.found) return processKnoxStatus(apInfId, fresh, actor);
      const reached = await finishWithCompensation(apInfId, {
        to: 'failed',
        from: ['pending'],
        actor,
        eventType: 'knox_document_missing',
        message:
          'Knox에 이 결재 문서가 없습니다 (APE020). Knox에서 삭제되었거나 보존기간이 지났습니다. 업무 변경은 원상복구되었습니다; 필요하면 다시 상신하세요.',
        detail: { knoxCode: 'APE020' },
      });
      if (reached) metrics().decisions.inc({ outcome: 'vanished' });
      return { outcome: reached ? 'failed' : 'none', updated: Boolean(reached) };
    }
    return { outcome: 'none', updated: false };
  }

  const verdict = knoxStatusOutcome(result.status);
  const needOpinion = verdict === 'reject' && isOpen(action);
  const sync = await syncApprovalLog(db, apInfId, result, needOpinion);
  // A newer answer was recorded (and acted on) meanwhile; this one describes the past.
  if (sync.stale) return { outcome: 'none', updated: false };
  const unconfirmed =
    action.status === 'pending' &&
    !sync.submittedAt &&
    now.getTime() - action.createdAt.getTime() >= submitGraceMs();
  if (action.status === 'submit_unknown' || unconfirmed) {
    // Knox has it: the submit whose answer was lost (or whose process died) did land.
    await settleUnknownSubmit(action, true);
    action = (await findActionByApInfId(db, apInfId))!;
  }

  if (verdict === 'execute' && (isOpen(action) || claimExpired(action, now))) {
    if (isOpen(action)) metrics().decisions.inc({ outcome: 'approved' });
    const execution = await executeApprovedAction(apInfId, actor);
    if (execution.executedNow) {
      pollLog().debug({ apInfId }, `[Approval Polling] ✅ Executed approved action: ${apInfId}`);
      return { outcome: 'executed', updated: sync.changed };
    }
    return { outcome: execution.status === 'failed' ? 'failed' : 'none', updated: sync.changed };
  }
  if (verdict === 'reject' && isOpen(action)) {
    const reached = await handleRejectedAction(apInfId, sync.opinion, {
      knoxStatus: result.status as 3 | 4,
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
  if (verdict === 'wait' && isOpen(action) && isTooOld(action, now)) {
    const reached = await expireApproval(action, actor);
    return { outcome: reached ?? 'none', updated: true };
  }
  return { outcome: 'waiting', updated: sync.changed };
}

/**
 * A withdrawn or expired action whose submit Knox never confirmed: a document Knox now shows open
 * landed after the withdraw (a resubmit in flight) and is cancelled; one Knox shows closed is
 * recorded as such, which ends the follow-up. Absent: still nothing to do. Null when the submit
 * was confirmed (an ordinary closed document: processed as usual).
 */
async function settleOrphanedDocument(
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
 * submit confirmed. Unknown submits, expired claims and bypassed actions need processKnoxStatus.
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

/**
 * How long a submit may take before its document counts as missing: withApproval's submit, its
 * status question and one resubmit, each bounded by KNOX_TIMEOUT_MS, plus the client's read retries.
 */
export function submitGraceMs(): number {
  return env().KNOX_TIMEOUT_MS * 6;
}

/** `now` is the database's (databaseNow), the clock created_at was written with. */
function isTooOld(action: Pick<PendingAction, 'createdAt'>, now: Date): boolean {
  const maxAgeMs = env().APPROVAL_MAX_AGE_DAYS * 24 * 3600 * 1000;
  return now.getTime() - action.createdAt.getTime() > maxAgeMs;
}

/** Withdraws a document left open longer than APPROVAL_MAX_AGE_DAYS and compensates → `expired`. */
async function expireApproval(
  action: PendingAction,
  actor: ActionActor,
): Promise<'expired' | 'failed' | null> {
  const days = env().APPROVAL_MAX_AGE_DAYS;
  const opinion = `결재 기한(${days}일) 초과로 자동 상신취소되었습니다`;
  try {
    await cancelInKnox(action.apInfId, opinion, false, actor, { conflictIfDecided: false });
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
    eventType: 'expired',
    message: opinion,
    detail: { maxAgeDays: days },
    knoxStatus: 4,
  });
  if (reached === 'expired') metrics().decisions.inc({ outcome: 'expired' });
  return reached === 'expired' || reached === 'failed' ? reached : null;
}

/** Actions whose document may still change: open ones and claims that expired mid-execution. */
interface OpenDocument {
  /** Only what deciding "quiet or busy" needs; busy documents are read again when processed. */
  action: Pick<PendingAction, 'id' | 'apInfId' | 'status' | 'createdAt'>;
  /** The document's Knox status and submit confirmation as we last recorded them. */
  logStatus: number | null;
  submittedAt: Date | null;
}

/**
 * Open documents are read this many Knox batches at a time: reading is the loop every batch waits
 * behind, so one query per ten batches keeps it ahead of the Knox calls. The first read is one
 * batch, so the first Knox call does not wait for a large page.
 */
const BATCHES_PER_READ = 10;

async function loadOpenPage(db: Db, afterId: number, limit: number): Promise<OpenDocument[]> {
  return db
    .select({
      action: {
        id: pendingActions.id,
        apInfId: pendingActions.apInfId,
        status: pendingActions.status,
        createdAt: pendingActions.createdAt,
      },
      logStatus: approvalLogs.status,
      submittedAt: approvalLogs.submittedAt,
    })
    .from(pendingActions)
    .leftJoin(approvalLogs, eq(approvalLogs.apInfId, pendingActions.apInfId))
    .where(
      and(
        gt(pendingActions.id, afterId),
        eq(pendingActions.approvalBypassed, false),
        or(
          inArray(pendingActions.status, [...OPEN_STATUSES]),
          and(eq(pendingActions.status, 'executing'), lt(pendingActions.claimExpiresAt, sql`now()`)),
          // Withdrawn or expired while Knox had no document yet: a submit still in flight may land
          // later; asked about until Knox shows it closed, for the approval period.
          and(
            inArray(pendingActions.status, [...CLOSED_UNCONFIRMED]),
            isNull(approvalLogs.submittedAt),
            sql`${pendingActions.createdAt} > now() - make_interval(days => ${env().APPROVAL_MAX_AGE_DAYS})`,
          ),
        ),
      ),
    )
    .orderBy(asc(pendingActions.id))
    .limit(limit);
}

/**
 * One poller cycle: every open document, in batches of 100 per Knox status call; decisions are
 * processed as they are found. Safe to run on several instances at once (every change is a CAS).
 */
export async function checkPendingApprovals(): Promise<PollSummary> {
  const db = await getDb();
  const log = pollLog();
  const started = performance.now();
  const summary: PollSummary = { checked: 0, updated: 0, executed: 0, rejected: 0, failed: 0 };
  // Batches are pipelined: while one waits for Knox, the next is loaded and another recorded.
  const batchLimit = pLimit(3);
  let lastError: string | null = null;
  const recordLimit = pLimit(2);
  const recording: Promise<void>[] = [];
  // The quiet documents' bookkeeping does not hold a batch's slot: the next Knox call starts while
  // it is written (at most two such writes at a time, awaited before the cycle ends).
  let unrecorded: QuietDocument[] = [];
  const flushQuiet = () => {
    const quiet = unrecorded;
    unrecorded = [];
    if (quiet.length === 0) return;
    recording.push(
      recordLimit(() => recordQuietDocuments(db, quiet)).catch((error: unknown) => {
        lastError = `approval_logs 기록 실패: ${errorText(error)}`;
        log.error({ err: errorText(error) }, '[Approval Polling] recording quiet documents failed');
      }),
    );
  };
  log.info('[Approval Polling] Starting approval status check...');
  // The database's clock, once per cycle: ages are counted in days, a cycle takes seconds.
  const cycleNow = await databaseNow(db);

  const processBatch = async (batch: OpenDocument[]) => {
    let statuses: ApprovalStatusResult[];
    try {
      statuses = await getApprovalStatuses(batch.map((doc) => doc.action.apInfId));
    } catch (error) {
      lastError = `Knox 상태 조회 실패: ${errorText(error)}`;
      log.warn({ err: errorText(error) }, '[Approval Polling] status call failed; next cycle retries');
      return;
    }
    summary.checked += statuses.length;
    const { quiet, busy } = splitQuiet(batch, statuses, cycleNow);
    unrecorded.push(...quiet);
    if (unrecorded.length >= QUIET_DOCUMENTS_PER_WRITE) flushQuiet();
    let results: DocumentResult[];
    try {
      results = await processKnoxStatuses(busy);
    } catch (error) {
      // A database error on the batch path: nothing of the failed statement stayed; next cycle retries.
      lastError = `결정 처리 실패: ${errorText(error)}`;
      log.error({ err: errorText(error) }, '[Approval Polling] processing decisions failed');
      return;
    }
    for (const { apInfId, outcome, updated, error } of results) {
      if (error) lastError = `${apInfId}: ${error}`;
      if (updated) summary.updated += 1;
      if (outcome === 'executed') summary.executed += 1;
      if (outcome === 'rejected' || outcome === 'expired') summary.rejected += 1;
      if (outcome === 'failed') summary.failed += 1;
    }
  };

  const work: Promise<void>[] = [];
  let found = 0;
  let afterId = 0;
  for (;;) {
    const limit = KNOX_STATUS_BATCH_SIZE * (afterId === 0 ? 1 : BATCHES_PER_READ);
    const page = await loadOpenPage(db, afterId, limit);
    if (page.length === 0) break;
    afterId = page.at(-1)!.action.id;
    found += page.length;
    for (let offset = 0; offset < page.length; offset += KNOX_STATUS_BATCH_SIZE) {
      const batch = page.slice(offset, offset + KNOX_STATUS_BATCH_SIZE);
      work.push(batchLimit(() => processBatch(batch)));
    }
    if (page.length < limit) break;
  }
  log.info(`[Approval Polling] Found ${found} pending approvals to check`);
  await Promise.all(work);
  flushQuiet();
  await Promise.all(recording);
  await syncDecidedApprovalLines().catch((error: unknown) => {
    lastError = `결재선 기록 실패: ${errorText(error)}`;
    log.error({ err: errorText(error) }, '[Approval Polling] recording approval lines failed');
  });
  const seconds = (performance.now() - started) / 1000;
  metrics().pollSeconds.observe(seconds);
  metrics().pollCycles.inc({ result: lastError ? 'error' : 'ok' });
  log.info({ ...summary }, `[Approval Polling] Summary: ${JSON.stringify(summary)}`);
  await recordRun(db, summary, lastError);
  return summary;
}

/**
 * Quiet documents are recorded this many at a time: one statement (and commit) for several Knox
 * batches costs less than one each, and with the id list it stays an index scan.
 */
const QUIET_DOCUMENTS_PER_WRITE = 500;

/** A quiet document: still open at Knox with the status we recorded; only its sync time changes. */
interface QuietDocument {
  apInfId: string;
  docChgNum: number;
}

/**
 * Most open documents have not moved since the last cycle. Those are recorded in bulk (see
 * recordQuietDocuments) instead of one round of queries each; the rest are processed one by one.
 */
function splitQuiet(
  batch: OpenDocument[],
  statuses: ApprovalStatusResult[],
  now: Date,
): { quiet: QuietDocument[]; busy: ApprovalStatusResult[] } {
  const known = new Map(batch.map((doc) => [doc.action.apInfId, doc]));
  const quiet: QuietDocument[] = [];
  const busy: ApprovalStatusResult[] = [];
  for (const status of statuses) {
    const doc = known.get(status.apInfId);
    const unchanged =
      status.found === true &&
      doc?.action.status === 'pending' &&
      doc.submittedAt &&
      doc.logStatus === status.status &&
      knoxStatusOutcome(status.status) === 'wait' &&
      !isTooOld(doc.action, now);
    if (unchanged && status.found === true)
      quiet.push({ apInfId: status.apInfId, docChgNum: status.docChgNum });
    else busy.push(status);
  }
  return { quiet, busy };
}

/** last_synced_at and doc_chg_num of quiet documents, one statement per batch. */
async function recordQuietDocuments(db: Db, quiet: QuietDocument[]): Promise<void> {
  // One parameter for the whole batch (not two per document): less to bind, parse and plan; the
  // id list makes it an index scan (joined to the rows alone, it was a scan of the whole table).
  const rows = JSON.stringify(quiet.map((doc) => ({ ap_inf_id: doc.apInfId, doc_chg_num: doc.docChgNum })));
  await db.execute(sql`
    update approval_logs l
       set last_synced_at = now(), doc_chg_num = v.doc_chg_num
      from jsonb_to_recordset(${rows}::jsonb) as v(ap_inf_id text, doc_chg_num int)
     where l.ap_inf_id = any(${pgArrayLiteral(quiet.map((doc) => doc.apInfId))}::text[])
       and l.ap_inf_id = v.ap_inf_id and l.doc_chg_num <= v.doc_chg_num`);
}

async function recordRun(db: Db, summary: PollSummary, lastError: string | null): Promise<void> {
  const values = {
    lastRunAt: new Date(),
    lastRunHolder: instanceId(),
    lastSummary: { ...summary },
    lastError,
  };
  await db
    .insert(schedulerLeases)
    .values({ name: POLLER_LEASE_NAME, ...values })
    .onConflictDoUpdate({ target: schedulerLeases.name, set: values });
}

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

// ---------------------------------------------------------------------------------------------
// Scheduler

const INSTANCE_ID = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/** This process's name in the lease row. */
export function instanceId(): string {
  return INSTANCE_ID;
}

/**
 * How long an elected poller run keeps the others off without renewing: its holder renews it every
 * third of this while it runs, so a run killed mid-cycle (SIGKILL, a lost machine) frees the
 * poller within this time instead of blocking every instance for a long fixed lease.
 */
export const POLLER_LEASE_MS = 60_000;

/**
 * node-cron's run coordinator backed by the lease row: of all instances whose cron fires for the
 * same slot, the one whose compare-and-set moves `current_slot` forward runs; the others skip.
 * A run still holding an unexpired lease also makes the next slot skip (no overlap across
 * instances). The holder renews its lease while the run lasts; onComplete releases it.
 */
export function createLeaseCoordinator(getDatabase: () => Promise<Db>, holder: string) {
  const renewals = new Map<string, NodeJS.Timeout>();
  const stopRenewing = (key: string) => {
    clearInterval(renewals.get(key));
    renewals.delete(key);
  };
  const renew = async (key: string, ttlMs: number) => {
    try {
      const db = await getDatabase();
      const rows = await db.execute<{ name: string }>(sql`
        update scheduler_leases
           set lease_expires_at = now() + make_interval(secs => ${ttlMs / 1000})
         where name = ${POLLER_LEASE_NAME} and holder = ${holder} and current_slot = ${key}
           and lease_expires_at is not null
        returning name`);
      // Taken over (it lapsed meanwhile): stop renewing someone else's lease.
      if (rowsOf(rows).length === 0) stopRenewing(key);
    } catch (error) {
      pollLog().warn({ err: errorText(error) }, '[Approval Polling] lease renewal failed');
    }
  };
  return {
    async shouldRun(key: string, ttlMs: number): Promise<boolean> {
      const db = await getDatabase();
      const rows = await db.execute<{ name: string }>(sql`
        insert into scheduler_leases (name, holder, lease_expires_at, current_slot)
        values (${POLLER_LEASE_NAME}, ${holder}, now() + make_interval(secs => ${ttlMs / 1000}), ${key})
        on conflict (name) do update
          set holder = excluded.holder,
              lease_expires_at = excluded.lease_expires_at,
              current_slot = excluded.current_slot
          where (scheduler_leases.current_slot is null or scheduler_leases.current_slot < excluded.current_slot)
            and (scheduler_leases.lease_expires_at is null or scheduler_leases.lease_expires_at < now())
        returning name`);
      const elected = rowsOf(rows).length > 0;
      if (elected) {
        const timer = setInterval(() => void renew(key, ttlMs), Math.max(1, Math.floor(ttlMs / 3)));
        timer.unref();
        renewals.set(key, timer);
      }
      return elected;
    },
    async onComplete(key: string): Promise<void> {
      stopRenewing(key);
      const db = await getDatabase();
      await db
        .update(schedulerLeases)
        .set({ leaseExpiresAt: null })
        .where(
          and(
            eq(schedulerLeases.name, POLLER_LEASE_NAME),
            eq(schedulerLeases.holder, holder),
            eq(schedulerLeases.currentSlot, key),
          ),
        );
    },
  };
}

export interface PollingSchedulerOptions {
  cron?: string;
  holder?: string;
  /** What one elected tick runs; the poller cycle by default. */
  run?: () => Promise<unknown>;
  /** How long an elected run keeps others off unless renewed, ms (default POLLER_LEASE_MS). */
  leaseMs?: number;
}

/** A poller schedule; startApprovalPollingScheduler() keeps the process-wide one. */
export function createPollingScheduler(options: PollingSchedulerOptions = {}): ScheduledTask {
  const holder = options.holder ?? instanceId();
  const expression = options.cron ?? env().APPROVAL_POLL_CRON;
  const run = options.run ?? checkPendingApprovals;
  const task = cron.createTask(
    expression,
    async () => {
      try {
        await run();
      } catch (error) {
        metrics().pollCycles.inc({ result: 'error' });
        pollLog().error({ err: errorText(error) }, '[Approval Polling] cycle failed');
        const db = await getDb();
        await db
          .insert(schedulerLeases)
          .values({ name: POLLER_LEASE_NAME, lastError: errorText(error) })
          .onConflictDoUpdate({ target: schedulerLeases.name, set: { lastError: errorText(error) } })
          .catch(() => {});
      } finally {
        const next = task.getNextRun();
        const db = await getDb();
        await db
          .update(schedulerLeases)
          .set({ nextRunAt: next })
          .where(eq(schedulerLeases.name, POLLER_LEASE_NAME))
          .catch(() => {});
      }
    },
    {
      name: POLLER_LEASE_NAME,
      noOverlap: true,
      distributed: true,
      runCoordinator: createLeaseCoordinator(getDb, holder),
      distributedLease: options.leaseMs ?? POLLER_LEASE_MS,
      unref: true,
    },
  );
  task.on('execution:skipped', () => metrics().pollCycles.inc({ result: 'skipped' }));
  return task;
}

// On globalThis: a hot reload or a second import must find the running schedule, not start another.
const schedulerKey = Symbol.for('approval-portal.approval-poller');
type GlobalWithScheduler = typeof globalThis & { [schedulerKey]?: ScheduledTask };

/** Starts the process-wide poller (node-cron on APPROVAL_POLL_CRON). Returns false when already running. */
export function startApprovalPollingScheduler(): boolean {
  const holder = globalThis as GlobalWithScheduler;
  if (holder[schedulerKey]) return false;
  const task = createPollingScheduler();
  holder[schedulerKey] = task;
  void Promise.resolve(task.start()).catch((error) =>
    pollLog().error({ err: errorText(error) }, '[Approval Polling] scheduler failed to start'),
  );
  pollLog().info(`[Approval Polling] Scheduler started (${env().APPROVAL_POLL_CRON}) as ${instanceId()}`);
  return true;
}

export async function stopApprovalPollingScheduler(): Promise<void> {
  const holder = globalThis as GlobalWithScheduler;
  const task = holder[schedulerKey];
  delete holder[schedulerKey];
  if (task) await task.destroy();
}

/** What the admin system page and /api/health show about the poller. */
export async function getPollerState(db: Db | Tx): Promise<PollerState> {
  const [row] = await db.select().from(schedulerLeases).where(eq(schedulerLeases.name, POLLER_LEASE_NAME));
  const running = (globalThis as GlobalWithScheduler)[schedulerKey];
  return {
    lastRunAt: row?.lastRunAt ?? null,
    lastSummary: row?.lastSummary ?? null,
    lastError: row?.lastError ?? null,
    nextRunAt: running?.getNextRun() ?? row?.nextRunAt ?? null,
    holder: row?.lastRunHolder ?? row?.holder ?? null,
    cron: env().APPROVAL_POLL_CRON,
  };
}
