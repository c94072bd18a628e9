import type { PendingAction } from '@/db/schema';
import { env } from '@/lib/env';

/**
 * How long a submit may take before its document counts as missing: withApproval's submit, its
 * status question and one resubmit, each bounded by KNOX_TIMEOUT_MS, plus the client's read retries.
 */
export function submitGraceMs(): number {
  return env().KNOX_TIMEOUT_MS * 6;
}

/** `now` is the database's (databaseNow), the clock created_at was written with. */
export function isTooOld(action: Pick<PendingAction, 'createdAt'>, now: Date): boolean {
  const maxAgeMs = env().APPROVAL_MAX_AGE_DAYS * 24 * 3600 * 1000;
  return now.getTime() - action.createdAt.getTime() > maxAgeMs;
}

/** Still inside the grace period of its submit (see submitGraceMs). */
export function isSubmitYoung(action: Pick<PendingAction, 'createdAt'>, now: Date): boolean {
  return now.getTime() - action.createdAt.getTime() < submitGraceMs();
}
