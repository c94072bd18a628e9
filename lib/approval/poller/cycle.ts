import { and, asc, eq, gt, inArray, isNull, or, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import { type Db, getDb } from '@/db';
import { pgArrayLiteral } from '@/db/raw-sql';
import { approvalLogs, type PendingAction, pendingActions, schedulerLeases } from '@/db/schema';
import { env } from '@/lib/env';
import {
  type ApprovalStatusResult,
  getApprovalStatuses,
  KNOX_STATUS_BATCH_SIZE,
  knoxStatusOutcome,
} from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { isTooOld } from '../age';
import { errorText } from '../errors';
import { CLOSED_UNCONFIRMED, OPEN_STATUSES } from '../model';
import { databaseNow } from '../store';
import type { PollSummary } from '../types';
import { type DocumentResult, processKnoxStatuses } from './apply-answers';
import { instanceId, POLLER_LEASE_NAME } from './lease';
import { syncDecidedApprovalLines } from './line-sync';

const pollLog = () => logger().child({ component: 'approval-poller' });

/** Actions whose document may still change: open ones and unconfirmed closed ones. */
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
