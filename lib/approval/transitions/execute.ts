import { and, inArray, type SQL, sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import { type Db, getDb } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import { type PendingAction, type PendingActionStatus, pendingActions } from '@/db/schema';
import { approvalLogger, logger as rootLogger } from '@/lib/observability/logger';
import { metrics } from '@/lib/observability/metrics';
import { ApprovalNotFoundError, errorText, UnknownActionTypeError } from '../errors';
import { APPROVAL_EVENTS, OPEN_STATUSES, SYSTEM_ACTORS } from '../model';
import { getActionHandler } from '../registry';
import { toJsonValue } from '../store';
import type { ActionActor, ActionContext } from '../types';
import { boundWaits, isTransientDatabaseError } from './database-waits';
import {
  type ClaimEvent,
  failureMessage,
  type LockedAction,
  recordExecuted,
  recordExecutionFailure,
} from './record-execution';

const log = (apInfId: string) => approvalLogger(apInfId, 'approval-execution');

export interface ExecutionOutcome {
  apInfId: string;
  /** The action's status after this call. */
  status: PendingActionStatus;
  /** True when this call ran the handler to completion. */
  executedNow: boolean;
  result?: unknown;
  error?: string;
}

/**
 * Approved documents executed in one transaction. One commit per batch instead of one per
 * document is what lets execution keep up with PostgreSQL: every commit that carries a NOTIFY
 * takes PostgreSQL's global notify lock, so per-document commits queue behind each other.
 */
export const EXECUTION_BATCH_SIZE = 100;

/** Thrown inside the execution transaction when a row changed under the lock: rolls back. */
class ClaimLostError extends Error {}

/**
 * Runs the handler of an approved document exactly once. The claim and the run share ONE
 * transaction: the row is locked (`for update skip locked`, so another worker skips it instead of
 * waiting), the handler runs on that transaction, and one statement records `executed`
 * (attempts + 1) with the claim and execution events and the NOTIFY. A crash rolls everything back
 * and the row is claimable again; a thrown error rolls back the handler's savepoint (none of its
 * writes are kept) and the same transaction records the action `failed`.
 */
export async function executeApprovedAction(
  apInfId: string,
  actor: ActionActor = SYSTEM_ACTORS.poller,
): Promise<ExecutionOutcome> {
  const [outcome] = await executeApprovedActions([apInfId], actor);
  if (!outcome) throw new ApprovalNotFoundError(apInfId);
  return outcome;
}

/**
 * executeApprovedAction for many approved documents: up to EXECUTION_BATCH_SIZE share one
 * transaction (see claimAndRun), `concurrency` such batches at a time (each on its own connection;
 * the documents are spread evenly over them). Returns one outcome per known id, in the order
 * given; a document another worker holds, or that is no longer open, comes back as it stands with
 * executedNow false.
 */
export async function executeApprovedActions(
  apInfIds: readonly string[],
  actor: ActionActor = SYSTEM_ACTORS.poller,
  options: { concurrency?: number; batchSize?: number } = {},
): Promise<ExecutionOutcome[]> {
  const db = await getDb();
  const ids = [...new Set(apInfIds)];
  if (ids.length === 0) return [];
  const concurrency = Math.max(1, options.concurrency ?? 1);
  const size = Math.min(options.batchSize ?? EXECUTION_BATCH_SIZE, Math.ceil(ids.length / concurrency));
  const chunks: string[][] = [];
  for (let offset = 0; offset < ids.length; offset += size) chunks.push(ids.slice(offset, offset + size));
  const limit = pLimit(concurrency);
  const outcomes = new Map<string, ExecutionOutcome>();
  await Promise.all(
    chunks.map((chunk) =>
      limit(async () => {
        const where = and(
          inArray(pendingActions.apInfId, chunk),
          inArray(pendingActions.status, [...OPEN_STATUSES]),
        )!;
        const ran = await claimAndRun(db, where, actor, APPROVAL_EVENTS.executionClaimed, chunk.length);
        for (const outcome of ran) outcomes.set(outcome.apInfId, outcome);
      }),
    ),
  );
  const untouched = ids.filter((id) => !outcomes.has(id));
  if (untouched.length > 0) {
    const current = await db.select().from(pendingActions).where(inArray(pendingActions.apInfId, untouched));
    for (const action of current) outcomes.set(action.apInfId, outcomeOf(action, false));
  }
  return ids.flatMap((id) => outcomes.get(id) ?? []);
}

interface LockedRow {
  id: number;
  ap_inf_id: string;
  action_type: string;
  action_payload: unknown;
  attempts: number;
  status: string;
}

const toLockedAction = (row: LockedRow): LockedAction => ({
  id: Number(row.id),
  apInfId: row.ap_inf_id,
  actionType: row.action_type,
  actionPayload: typeof row.action_payload === 'string' ? JSON.parse(row.action_payload) : row.action_payload,
  attempts: Number(row.attempts),
  status: row.status,
});

/**
 * Locks up to `limit` actions matching `where`, runs their handlers on one transaction and records
 * every outcome in it, with one commit. Each handler runs inside its own savepoint: when one
 * throws, only its own writes are rolled back and it is recorded `failed`, while the others keep
 * theirs and commit with the batch — no handler that succeeded runs a second time. Returns one
 * outcome per locked action; none when nothing matched or other workers hold the rows.
 */
export async function claimAndRun(
  db: Db,
  where: SQL,
  actor: ActionActor,
  claimEvent: ClaimEvent,
  limit = 1,
): Promise<ExecutionOutcome[]> {
  let locked: LockedAction[] = [];
  try {
    const { executed, failed, deferred } = await db.transaction(async (tx) => {
      await boundWaits(tx);
      locked = rowsOf<LockedRow>(
        await tx.execute(sql`
          select id, ap_inf_id, action_type, action_payload, attempts, status
            from pending_actions where ${where}
           order by id limit ${limit} for update skip locked`),
      ).map(toLockedAction);
      const ran: LockedAction[] = [];
      const values: unknown[] = [];
      const threw: Array<{ action: LockedAction; error: unknown }> = [];
      const deferred: Array<{ action: LockedAction; error: unknown }> = [];
      for (const action of locked) {
        // A savepoint per document: a throw undoes this document's writes only. It must be the
        // driver's savepoint (a nested transaction), not `savepoint` sent as SQL on `tx`:
        // postgres.js fails a whole transaction scope with the first statement that failed in it,
        // even one a raw `rollback to savepoint` undid, so a handler's database error would roll
        // back the whole batch, every cycle. Never released: they all end with the commit.
        try {
          const handler = getActionHandler(action.actionType);
          if (!handler) throw new UnknownActionTypeError(action.actionType);
          const value = await tx.transaction(async (savepoint) => {
            const ctx: ActionContext = {
              tx: savepoint,
              apInfId: action.apInfId,
              actor,
              pendingActionId: action.id,
            };
            return handler.execute(action.actionPayload, ctx);
          });
          values.push(toJsonValue(value));
          ran.push(action);
        } catch (error) {
          // A wait the database gave up on (lock or statement time-out, deadlock) is not this
          // document's failure: its savepoint is undone and its row left as it was, so the next
          // cycle runs it again, while the rest of the batch goes on.
          if (isTransientDatabaseError(error)) deferred.push({ action, error });
          else threw.push({ action, error });
        }
      }
      if (locked.length === 0) return { executed: [], failed: [], deferred };
      const done = ran.length > 0 ? await recordExecuted(tx, ran, values, actor, claimEvent) : [];
      if (done.length !== ran.length) throw new ClaimLostError();
      for (const { action, error } of threw) {
        if (!(await recordExecutionFailure(tx, action, actor, claimEvent, error))) throw new ClaimLostError();
      }
      return {
        executed: ran.map((action, index) => ({ action, value: values[index], submittedAt: done[index] })),
        failed: threw,
        deferred,
      };
    });
    const debug = rootLogger().isLevelEnabled('debug');
    for (const { action, submittedAt } of executed) {
      metrics().executions.inc({ action_type: action.actionType, result: 'executed' });
      if (submittedAt) {
        metrics().decisionSeconds.observe(Math.max(0, (Date.now() - submittedAt.getTime()) / 1000));
      }
      // Per document at debug only (a child logger costs something even when the line is dropped).
      if (debug)
        log(action.apInfId).debug(`[Approval Workflow] ✅ Executed approved action: ${action.apInfId}`);
    }
    for (const { action, error } of failed) {
      metrics().executions.inc({ action_type: action.actionType, result: 'failed' });
      log(action.apInfId).error({ err: error }, `[Approval Workflow] ❌ Action failed: ${action.apInfId}`);
    }
    for (const { action, error } of deferred) {
      log(action.apInfId).warn(
        { err: errorText(error) },
        `[Approval Workflow] the database gave up waiting; left for the next cycle: ${action.apInfId}`,
      );
    }
    const outcomes = new Map<string, ExecutionOutcome>();
    for (const { action } of deferred) {
      outcomes.set(action.apInfId, {
        apInfId: action.apInfId,
        status: action.status as PendingActionStatus,
        executedNow: false,
      });
    }
    for (const { action, value } of executed) {
      outcomes.set(action.apInfId, {
        apInfId: action.apInfId,
        status: 'executed',
        executedNow: true,
        result: value,
      });
    }
    for (const { action, error } of failed) {
      outcomes.set(action.apInfId, {
        apInfId: action.apInfId,
        status: 'failed',
        executedNow: false,
        error: failureMessage(error),
      });
    }
    return locked.flatMap((action) => outcomes.get(action.apInfId) ?? []);
  } catch (error) {
    // Nothing was locked: the lock statement itself failed (a database error); let it surface.
    const batch: LockedAction[] = locked;
    if (batch.length === 0) throw error;
    // The transaction itself failed (a row changed under the lock, or the database gave up on it):
    // nothing of it was kept; the rows are claimable again and each is reported as it stands.
    log(batch[0]!.apInfId).warn(
      { err: errorText(error), documents: batch.length },
      '[Approval Workflow] execution transaction rolled back; the documents are tried again later',
    );
    const current = await db
      .select()
      .from(pendingActions)
      .where(
        inArray(
          pendingActions.id,
          batch.map((action) => action.id),
        ),
      );
    return current.map((action) => outcomeOf(action, false));
  }
}

export function outcomeOf(action: PendingAction, executedNow: boolean): ExecutionOutcome {
  return {
    apInfId: action.apInfId,
    status: action.status,
    executedNow,
    ...(action.status === 'executed' ? { result: action.executionResult } : {}),
    ...(action.errorMessage && action.status !== 'executed' ? { error: action.errorMessage } : {}),
  };
}
