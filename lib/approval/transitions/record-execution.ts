import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { pgArrayLiteral, rowsOf } from '@/db/raw-sql';
import { errorText } from '../errors';
import type { APPROVAL_EVENTS } from '../model';
import { DECISION_CHANNEL } from '../store';
import type { ActionActor } from '../types';
import { notifyPeople } from './notify-people';

/** The event that records who took the action to run: the poller's execution or an admin's retry. */
export type ClaimEvent = typeof APPROVAL_EVENTS.executionClaimed | typeof APPROVAL_EVENTS.retryClaimed;

/** An action locked for execution, as the claim read it. */
export interface LockedAction {
  id: number;
  apInfId: string;
  actionType: string;
  actionPayload: unknown;
  /** Attempts before this one. */
  attempts: number;
  /** Status before the claim: pending, submit_unknown or failed (retry). */
  status: string;
}

/**
 * One statement for the whole batch: `executed` (attempts + 1) with each result, the claim and
 * execution events (in that order) and the NOTIFYs (delivered on commit); then the requesters are
 * told (notifyPeople, same transaction). Compare-and-set on the status and attempts read under the
 * lock. Returns each document's submit time (for the
 * decision-time metric) in the batch's order, one entry per row actually updated.
 */
export async function recordExecuted(
  tx: Tx,
  batch: LockedAction[],
  values: unknown[],
  actor: ActionActor,
  claimEvent: ClaimEvent,
): Promise<Array<Date | null>> {
  // One parameter for the whole batch: less to bind, parse and plan than columns per document;
  // the id list makes the update an index scan (see pgArrayLiteral).
  const input = JSON.stringify(
    batch.map((action, index) => ({
      id: action.id,
      from_status: action.status,
      attempts: action.attempts,
      result: values[index],
    })),
  );
  const rows = rowsOf<{ id: number; submitted_at: Date | string | null; event_id: number | string }>(
    await tx.execute(sql`
      with input as (
        select * from jsonb_to_recordset(${input}::jsonb)
                   as v(id int, from_status text, attempts int, result jsonb)
      ), done as (
        update pending_actions p
           set status = 'executed', attempts = input.attempts + 1,
               execution_result = coalesce(input.result, 'null'::jsonb), executed_at = now(),
               error_message = null, updated_at = now()
          from input
         where p.id = any(${pgArrayLiteral(batch.map((action) => action.id))}::int[])
           and p.id = input.id and p.status = input.from_status and p.attempts = input.attempts
        returning p.id, p.ap_inf_id, input.from_status, input.attempts + 1 as attempt
      ), event as (
        insert into approval_events (ap_inf_id, pending_action_id, actor, event_type, from_status, to_status, detail)
        select done.ap_inf_id, done.id, ${actor.id}, e.event_type, coalesce(e.from_status, done.from_status),
               e.to_status, jsonb_build_object('attempt', done.attempt)
          from done
         cross join (values (1, ${claimEvent}::text, null::text, 'executing'::text),
                            (2, 'executed', 'executing', 'executed')) as e(ord, event_type, from_status, to_status)
         order by done.id, e.ord
        returning id, pending_action_id, event_type
      ), notified as (
        select pg_notify(${DECISION_CHANNEL}, ap_inf_id) from done
      )
      select done.id, (select count(*) from notified) as notified,
             (select coalesce(submitted_at, created_at) from approval_logs l where l.ap_inf_id = done.ap_inf_id) as submitted_at,
             (select event.id from event where event.pending_action_id = done.id and event.event_type = 'executed') as event_id
        from done`),
  );
  await notifyPeople(
    tx,
    rows.map((row) => Number(row.event_id)),
  );
  const submittedAt = new Map(
    rows.map((row) => [Number(row.id), row.submitted_at ? new Date(row.submitted_at) : null]),
  );
  return batch.filter((action) => submittedAt.has(action.id)).map((action) => submittedAt.get(action.id)!);
}

export const failureMessage = (error: unknown) => `액션 실행 실패: ${errorText(error)}`;

/**
 * A handler threw (its savepoint rolled back): records the attempt as `failed` in the batch's
 * transaction, with the claim and failure events and the NOTIFY (delivered on commit); then the
 * requester and the admins are told.
 * Compare-and-set on the status and attempts read under the lock; false when the row changed.
 */
export async function recordExecutionFailure(
  tx: Tx,
  action: LockedAction,
  actor: ActionActor,
  claimEvent: ClaimEvent,
  error: unknown,
): Promise<boolean> {
  const message = failureMessage(error);
  const attempt = action.attempts + 1;
  const failureDetail = JSON.stringify({ error: errorText(error), attempt });
  const rows = rowsOf<{ id: number; event_id: number | string }>(
    await tx.execute(sql`
      with failed as (
        update pending_actions
           set status = 'failed', attempts = ${attempt}::int, error_message = ${message},
               updated_at = now()
         where id = ${action.id} and status = ${action.status} and attempts = ${action.attempts}::int
        returning id, ap_inf_id
      ), event as (
        insert into approval_events (ap_inf_id, pending_action_id, actor, event_type, from_status, to_status, detail)
        select failed.ap_inf_id, failed.id, ${actor.id}, e.event_type, e.from_status, e.to_status, e.detail
          from failed
         cross join (values (1, ${claimEvent}::text, ${action.status}::text, 'executing'::text,
                             jsonb_build_object('attempt', ${attempt}::int)),
                            (2, 'execution_failed', 'executing', 'failed', ${failureDetail}::jsonb))
                 as e(ord, event_type, from_status, to_status, detail)
         order by e.ord
        returning id, event_type
      ), notified as (
        select pg_notify(${DECISION_CHANNEL}, ap_inf_id) from failed
      )
      select failed.id, (select count(*) from notified) as notified,
             (select event.id from event where event.event_type = 'execution_failed') as event_id
        from failed`),
  );
  await notifyPeople(
    tx,
    rows.map((row) => Number(row.event_id)),
  );
  return rows.length > 0;
}
