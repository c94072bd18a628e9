import type { PendingAction } from '@/db/schema';
import type { KnoxStatusOutcome } from '@/lib/knox-api/approval';
import { isSubmitYoung, isTooOld } from '../age';
import { isOpenStatus } from '../model';

type ActionFacts = Pick<PendingAction, 'status' | 'createdAt'>;

/**
 * What to do when Knox does not have the document. Pure: `submittedAt` is the recorded submit
 * confirmation (read only for a `pending` action), `now` the database's clock.
 */
export type AbsentPlan =
  /** Knox never got it and nobody reached Knox for the whole approval period: give up. */
  | 'expire_unsubmitted'
  /** The submit's answer was lost: ask again, and resubmit with the same id when Knox has none. */
  | 'resubmit_unknown'
  /** Our submit is unconfirmed past its grace period (its process died): settled like an unknown one. */
  | 'resubmit_unconfirmed'
  /** Knox confirmed it once and has it no longer: ask once more, then it is missing (APE020). */
  | 'recheck_missing'
  | 'none';

export function decideAbsent(action: ActionFacts, submittedAt: Date | null, now: Date): AbsentPlan {
  if (action.status === 'submit_unknown') {
    return isTooOld(action, now) ? 'expire_unsubmitted' : 'resubmit_unknown';
  }
  if (action.status !== 'pending') return 'none';
  // Still in flight (Knox may not have stored it yet): never call that APE020.
  if (!submittedAt) return isSubmitYoung(action, now) ? 'none' : 'resubmit_unconfirmed';
  return 'recheck_missing';
}

/** What to do with an action whose document Knox has, once its unknown submit is settled. */
export type FoundPlan = 'execute' | 'reject' | 'expire' | 'wait';

export function decideFound(action: ActionFacts, verdict: KnoxStatusOutcome, now: Date): FoundPlan {
  if (!isOpenStatus(action.status)) return 'wait';
  if (verdict === 'execute') return 'execute';
  if (verdict === 'reject') return 'reject';
  return isTooOld(action, now) ? 'expire' : 'wait';
}

/**
 * Knox has the document while our submit is not confirmed: an unknown submit, or a `pending` one
 * past its grace period (its process died). Either way the submit did land and is recorded so.
 */
export function confirmsLostSubmit(action: ActionFacts, submittedAt: Date | null, now: Date): boolean {
  if (action.status === 'submit_unknown') return true;
  return action.status === 'pending' && !submittedAt && !isSubmitYoung(action, now);
}
