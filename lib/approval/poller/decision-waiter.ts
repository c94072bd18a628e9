import { inArray } from 'drizzle-orm';
import { type DatabaseHandle, getDatabase } from '@/db';
import { type PendingAction, pendingActions } from '@/db/schema';
import { env } from '@/lib/env';
import { type ApprovalStatusResult, getApprovalStatuses, knoxStatusOutcome } from '@/lib/knox-api/approval';
import { logger } from '@/lib/observability/logger';
import { processSingleton } from '@/lib/process-singleton';
import { ApprovalNotFoundError, errorText } from '../errors';
import { SYSTEM_ACTORS } from '../model';
import { processKnoxStatus } from '../reconcile/process';
import { DECISION_CHANNEL, findActionByApInfId } from '../store';
import type { DecisionOutcome, WaitForDecisionOptions } from '../types';
import { processKnoxStatuses } from './apply-answers';

interface Waiter {
  apInfId: string;
  startedAt: number;
  onProgress?: WaitForDecisionOptions['onProgress'];
  settle: (outcome: DecisionOutcome) => void;
}

interface WaiterState {
  waiters: Map<string, Set<Waiter>>;
  /**
   * Documents open in somebody's browser, with a token per viewer: checked at the live-poll
   * interval like the waited ones, their decisions reach the pages through the NOTIFY.
   */
  watched: Map<string, Set<object>>;
  /** The Knox change number each watched document had when this process last read its line. */
  watchedChange: Map<string, number>;
  /** The handle the shared listener is on; a test that installs another handle gets a new listener. */
  listening?: { handle: DatabaseHandle; ready: Promise<() => Promise<void>> };
  timer?: NodeJS.Timeout;
  polling: boolean;
  /** Notified documents not read yet (see onNotified). */
  notified: Set<string>;
}

// One listener and one live-poll loop per process, whatever the bundling.
function state(): WaiterState {
  return processSingleton<WaiterState>('decision-waiters', () => ({
    waiters: new Map(),
    watched: new Map(),
    watchedChange: new Map(),
    polling: false,
    notified: new Set(),
  }));
}

/** The outcome a waiting caller gets for an action in a final state, or null while it is open. */
export function decisionOutcomeOf(action: PendingAction): DecisionOutcome | null {
  switch (action.status) {
    case 'executed':
      return { outcome: 'executed', result: action.executionResult ?? null };
    case 'rejected':
    case 'withdrawn':
    case 'expired':
      return { outcome: action.status, opinion: action.errorMessage };
    case 'failed':
      return { outcome: 'failed', error: action.errorMessage ?? '실패' };
    case 'resolved':
      return { outcome: 'failed', error: `관리자가 처리 완료로 닫았습니다: ${action.resolutionNote ?? ''}` };
    default:
      return null;
  }
}

async function ensureListener(handle: DatabaseHandle): Promise<void> {
  const current = state();
  if (current.listening?.handle === handle) {
    await current.listening.ready;
    return;
  }
  // Anything notified while the LISTEN connection was down is lost: re-read every waited document.
  const ready = handle.listen(
    DECISION_CHANNEL,
    (apInfId) => onNotified(apInfId),
    () => void resolveFinished([...current.waiters.keys()]),
  );
  current.listening = { handle, ready };
  ready.catch(() => {
    if (current.listening?.ready === ready) current.listening = undefined;
  });
  await ready;
}

/**
 * A batch commit notifies for up to a hundred documents at once: the ones somebody here waits on
 * are read in one query at the next turn of the event loop, not one query each.
 */
function onNotified(apInfId: string): void {
  const current = state();
  if (!current.waiters.has(apInfId)) return;
  current.notified.add(apInfId);
  if (current.notified.size > 1) return;
  setImmediate(() => {
    const ids = [...current.notified];
    current.notified.clear();
    void resolveFinished(ids);
  });
}

/**
 * Settles the waiters of every listed document that reached a final state, and stops watching it
 * (a page showing it has nothing left to learn from Knox): one query for all.
 */
async function resolveFinished(apInfIds: string[]): Promise<void> {
  if (apInfIds.length === 0) return;
  try {
    const { db } = await getDatabase();
    const rows = await db.select().from(pendingActions).where(inArray(pendingActions.apInfId, apInfIds));
    for (const row of rows) {
      const outcome = decisionOutcomeOf(row);
      if (!outcome) continue;
      state().watched.delete(row.apInfId);
      state().watchedChange.delete(row.apInfId);
      for (const waiter of [...(state().waiters.get(row.apInfId) ?? [])]) waiter.settle(outcome);
    }
  } catch (error) {
    logger().warn({ err: errorText(error) }, '[Approval Waiter] could not read decided actions');
  }
}

/** Batches of approvals executed side by side by a live-poll round; leaves most of the pool to requests. */
const LIVE_POLL_CONCURRENCY = 4;
/**
 * Approvals per transaction in a live-poll round. Smaller than the poller's batches: each commit
 * answers its callers, so the first of a wave of approvals are answered before the last have run.
 */
const LIVE_POLL_BATCH_SIZE = 25;

/**
 * One Knox status call for every document somebody is waiting on, every APPROVAL_LIVE_POLL_SECONDS
 * while there are waiters. The decided ones are processed like the poller's (approvals in batches,
 * whose commits' NOTIFYs answer the waiters). Their approval lines (opinions) are left to the
 * poller's cycle (syncDecidedApprovalLines): reading them here would hold up the next round.
 */
async function livePoll(): Promise<void> {
  const current = state();
  if (current.polling) return;
  const ids = liveIds();
  if (ids.length === 0) return;
  current.polling = true;
  try {
    const statuses = await getApprovalStatuses(ids);
    const reportProgress = (status: ApprovalStatusResult) => {
      const knoxStatus = status.found === true ? status.status : null;
      for (const waiter of current.waiters.get(status.apInfId) ?? []) {
        waiter.onProgress?.({
          apInfId: status.apInfId,
          knoxStatus,
          elapsedMs: Date.now() - waiter.startedAt,
        });
      }
    };
    // Still open in Knox: nothing to decide; the cron's cycle keeps their bookkeeping. Their
    // progress is reported after the decided ones are processed, which it would only slow down.
    // An unreadable entry (refused alone by the client) is neither: it is asked again next round.
    const decided = statuses.filter(
      (status) =>
        status.found === false || (status.found === true && knoxStatusOutcome(status.status) !== 'wait'),
    );
    if (decided.length > 0) {
      for (const status of decided) reportProgress(status);
      await processKnoxStatuses(decided, SYSTEM_ACTORS.waiter, {
        batchConcurrency: LIVE_POLL_CONCURRENCY,
        batchSize: LIVE_POLL_BATCH_SIZE,
      });
    }
    const decidedIds = new Set(decided.map((status) => status.apInfId));
    for (const status of statuses) if (!decidedIds.has(status.apInfId)) reportProgress(status);
    await readWatchedActs(statuses);
    // Normally the NOTIFY has settled them already; this catches a lost notification.
    await resolveFinished(ids);
  } catch (error) {
    logger().warn({ err: errorText(error) }, '[Approval Waiter] live poll round failed');
  } finally {
    current.polling = false;
  }
}

/**
 * A document open on a page whose Knox change number moved (an approver acted, or decided) has its
 * line read now, so the page shows "최팀장 승인" and the last approver's act at once rather than at
 * the cron's minute. Only watched documents: they are few (one per open page), while agents'
 * waited ones can be a thousand and need only their decision (their lines follow in the cycle).
 */
async function readWatchedActs(open: ApprovalStatusResult[]): Promise<void> {
  const current = state();
  for (const status of open) {
    if (status.found !== true || !current.watched.has(status.apInfId)) continue;
    if (current.watchedChange.get(status.apInfId) === status.docChgNum) continue;
    await processKnoxStatus(status.apInfId, status, SYSTEM_ACTORS.waiter);
    current.watchedChange.set(status.apInfId, status.docChgNum);
  }
}

/** Every document checked at the live-poll interval: waited on by a caller, or open on a page. */
function liveIds(): string[] {
  const current = state();
  return [...new Set([...current.waiters.keys(), ...current.watched.keys()])];
}

function stopLivePollWhenIdle(): void {
  const current = state();
  if (current.waiters.size === 0 && current.watched.size === 0 && current.timer) {
    clearInterval(current.timer);
    current.timer = undefined;
  }
}

function ensureLivePoll(): void {
  const current = state();
  if (current.timer) return;
  const intervalMs = env().APPROVAL_LIVE_POLL_SECONDS * 1000;
  current.timer = setInterval(() => void livePoll(), intervalMs);
  current.timer.unref();
}

function removeWaiter(waiter: Waiter): void {
  const current = state();
  const set = current.waiters.get(waiter.apInfId);
  set?.delete(waiter);
  if (set && set.size === 0) current.waiters.delete(waiter.apInfId);
  stopLivePollWhenIdle();
}

/**
 * Watches a document somebody has open (a live page): it is checked at the live-poll interval
 * until the returned release has been called by its last viewer. The caller has checked that the
 * viewer may see it; the decision itself travels by the engine's NOTIFY, not through here.
 */
export function watchApprovalDocument(apInfId: string): () => void {
  const current = state();
  const viewer = {};
  if (!current.watched.has(apInfId)) current.watched.set(apInfId, new Set());
  current.watched.get(apInfId)!.add(viewer);
  ensureLivePoll();
  return () => {
    // The set is gone already when the decision was found; a later watch has a set of its own.
    const viewers = current.watched.get(apInfId);
    if (viewers?.delete(viewer) && viewers.size === 0) {
      current.watched.delete(apInfId);
      current.watchedChange.delete(apInfId);
    }
    stopLivePollWhenIdle();
  };
}

/**
 * Waits for the decision on a document (MCP tools that wait). A timeout only stops waiting: the
 * document stays open and its action still runs on approval unless the caller withdraws it.
 */
export async function waitForApprovalDecision(
  apInfId: string,
  options: WaitForDecisionOptions,
): Promise<DecisionOutcome> {
  options.signal?.throwIfAborted();
  const handle = await getDatabase();
  const existing = await findActionByApInfId(handle.db, apInfId);
  if (!existing) throw new ApprovalNotFoundError(apInfId);
  const done = decisionOutcomeOf(existing);
  if (done) return done;
  await ensureListener(handle);

  return new Promise<DecisionOutcome>((resolve, reject) => {
    let timeout: NodeJS.Timeout | undefined;
    const onAbort = () => finish(() => reject(options.signal!.reason ?? new Error('aborted')));
    const finish = (complete: () => void) => {
      if (!state().waiters.get(apInfId)?.has(waiter)) return;
      removeWaiter(waiter);
      if (timeout) clearTimeout(timeout);
      options.signal?.removeEventListener('abort', onAbort);
      complete();
    };
    const waiter: Waiter = {
      apInfId,
      startedAt: Date.now(),
      onProgress: options.onProgress,
      settle: (outcome) => finish(() => resolve(outcome)),
    };
    const current = state();
    if (!current.waiters.has(apInfId)) current.waiters.set(apInfId, new Set());
    current.waiters.get(apInfId)!.add(waiter);
    timeout = setTimeout(() => waiter.settle({ outcome: 'timeout' }), Math.max(0, options.timeoutMs));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    ensureLivePoll();
    // The decision may have landed between the first read and the listener being registered.
    void resolveFinished([apInfId]);
  });
}

/** Documents somebody is waiting on now (for the admin page and tests). */
export function liveWaitCount(): number {
  return state().waiters.size;
}

/** Documents checked at the live-poll interval now: waited on or open on a page (for tests). */
export function liveCheckedIds(): string[] {
  return liveIds();
}
