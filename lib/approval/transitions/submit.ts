import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import type { PendingAction, PendingActionStatus } from '@/db/schema';
import { getApprovalStatuses, KNOX_ERROR, KnoxRefusedError } from '@/lib/knox-api/approval';
import { errorText } from '../errors';
import { SYSTEM_ACTORS } from '../model';
import { findActionById } from '../store';
import { cancelOrphanedDocument } from './knox-cancel';

export type SubmitOutcome =
  | { kind: 'submitted'; how: 'accepted' | 'confirmed' | 'resubmitted' }
  | { kind: 'refused'; code: string; message: string }
  | { kind: 'unknown'; reason: string };

/**
 * Submits, and when the answer is lost asks Knox whether the document exists: present → submitted;
 * absent → one more submit with the same id; still unknown → unknown (the poller settles it).
 */
export async function submitSettled(apInfId: string, submit: () => Promise<unknown>): Promise<SubmitOutcome> {
  const first = await attemptSubmit(submit);
  if (first.kind !== 'unknown') return first;
  const presence = await askPresence(apInfId);
  if (presence === 'present') return { kind: 'submitted', how: 'confirmed' };
  if (presence === 'unknown') return first;
  const second = await attemptSubmit(submit);
  if (second.kind === 'submitted') return { kind: 'submitted', how: 'resubmitted' };
  return second;
}

export async function attemptSubmit(submit: () => Promise<unknown>): Promise<SubmitOutcome> {
  try {
    await submit();
    return { kind: 'submitted', how: 'accepted' };
  } catch (error) {
    // A duplicate id can only be our own earlier attempt that did arrive: the document exists.
    if (error instanceof KnoxRefusedError && error.code === KNOX_ERROR.DUPLICATE_ID) {
      return { kind: 'submitted', how: 'confirmed' };
    }
    if (error instanceof KnoxRefusedError)
      return { kind: 'refused', code: error.code, message: error.knoxMessage };
    // Time-outs, dropped connections, 5xx and anything unexpected: never guess.
    return { kind: 'unknown', reason: errorText(error) };
  }
}

async function askPresence(apInfId: string): Promise<'present' | 'absent' | 'unknown'> {
  try {
    const [result] = await getApprovalStatuses([apInfId]);
    if (!result) return 'unknown';
    // An unreadable entry is still Knox answering for the document: it has it.
    return result.found === false ? 'absent' : 'present';
  } catch {
    return 'unknown';
  }
}

/**
 * Records Knox's acceptance: submitted_at, the `submitted` event and, when the poller confirmed an
 * unknown submit, submit_unknown → pending. One statement (atomic on its own): it runs once per
 * request, right after the Knox call, so its round trips count. The event and submitted_at are
 * written only when the row moved, with the status it moved from (read under the row lock): an
 * action that was meanwhile executed or withdrawn gets no event describing a move that never was.
 * Returns the status the row was in when it did not move (null when it moved).
 */
export async function markSubmitted(
  db: Db,
  action: PendingAction,
  how: string,
): Promise<PendingActionStatus | null> {
  const rows = rowsOf<{ moved: number }>(
    await db.execute(sql`
    with old as (
      select id, status from pending_actions
       where id = ${action.id} and status in ('pending', 'submit_unknown')
         for update
    ), moved as (
      update pending_actions p set status = 'pending', updated_at = now()
        from old where p.id = old.id
      returning p.id, old.status as from_status
    ), logged as (
      update approval_logs set submitted_at = coalesce(submitted_at, now()), updated_at = now()
       where ap_inf_id = ${action.apInfId} and exists (select 1 from moved)
      returning ap_inf_id
    ), event as (
      insert into approval_events (ap_inf_id, pending_action_id, actor, event_type, from_status, to_status, detail)
      select ${action.apInfId}, moved.id, 'knox', 'submitted', moved.from_status, 'pending',
             ${JSON.stringify({ how })}::jsonb
        from moved
      returning id
    )
    select (select count(*) from moved)::int as moved, (select count(*) from logged)::int as logged`),
  );
  if (Number(rows[0]?.moved ?? 0) > 0) return null;
  const current = await findActionById(db, action.id);
  return current?.status ?? null;
}

/**
 * markSubmitted for a submit Knox has just accepted. When the action was withdrawn (or expired)
 * while the submit was in flight — the withdraw found nothing to cancel in Knox yet — the document
 * just created is cancelled at once: nothing may stay open in Knox behind a closed action. Should
 * that cancel fail, the poller keeps asking about the never-confirmed document and cancels it then
 * (settleOrphanedDocument). Returns the status the row was in when it did not move.
 */
export async function recordAccepted(
  db: Db,
  action: PendingAction,
  how: string,
): Promise<PendingActionStatus | null> {
  const notMoved = await markSubmitted(db, action, how);
  if (notMoved === 'withdrawn' || notMoved === 'expired') await cancelOrphanedDocument(action.apInfId);
  return notMoved;
}

/** pending → submit_unknown, with its event only when the row did move. */
export async function markSubmitUnknown(db: Db, action: PendingAction, reason: string): Promise<void> {
  await db.execute(sql`
    with moved as (
      update pending_actions
         set status = 'submit_unknown', error_message = ${`Knox 상신 결과 확인 불가: ${reason}`}, updated_at = now()
       where id = ${action.id} and status = 'pending'
      returning id
    )
    insert into approval_events (ap_inf_id, pending_action_id, actor, event_type, from_status, to_status, detail)
    select ${action.apInfId}, moved.id, ${SYSTEM_ACTORS.workflow.id}, 'submit_unknown', 'pending',
           'submit_unknown', ${JSON.stringify({ reason })}::jsonb
      from moved`);
}
