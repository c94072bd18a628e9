import type { SignInThrottleScope } from '@/db/schema';

/**
 * The rules of the sign-in throttle, as pure functions of a counter and the time (the store in
 * sign-in-throttle-store.ts applies them to rows under a lock).
 *
 * Two counters guard every attempt. `account` counts one email's failures from one client address
 * and answers with growing delays, so a guesser slows down at once while the owner, signing in
 * from their own address, is never locked out by someone else's guesses. `address` counts one
 * client address's failures across all emails and caps them per window, so spraying one password
 * over many accounts is slowed too. An attempt is counted before the password is checked and given
 * back only when it succeeds: concurrent guesses cannot slip through between check and count.
 */
export interface SignInThrottlePolicy {
  /** Failures of one email from one address that cost nothing. */
  freeFailures: number;
  /** The wait after the first failure beyond the free ones; it doubles with each further failure. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** An account counter this long without a failure starts again from zero. */
  accountMemoryMs: number;
  /** Failures one address may have across all emails per window. */
  addressCap: number;
  addressWindowMs: number;
}

export const SIGN_IN_THROTTLE_POLICY: SignInThrottlePolicy = {
  freeFailures: 4,
  baseDelayMs: 30_000,
  maxDelayMs: 15 * 60_000,
  accountMemoryMs: 24 * 60 * 60_000,
  addressCap: 25,
  addressWindowMs: 15 * 60_000,
};

export interface ThrottleCounter {
  failures: number;
  windowStartedAt: Date;
  lastFailureAt: Date;
  lockedUntil: Date | null;
}

export interface SignInAttempt {
  /** Lower-cased, as better-auth looks accounts up. */
  email: string;
  clientAddress: string;
}

export interface ThrottleKey {
  scope: SignInThrottleScope;
  key: string;
}

/** The two counters an attempt touches, in the order the store locks them. */
export function throttleKeysOf(attempt: SignInAttempt): [account: ThrottleKey, address: ThrottleKey] {
  return [
    // The address never contains `|`, so the key splits unambiguously at its last one.
    { scope: 'account', key: `${attempt.email}|${attempt.clientAddress}` },
    { scope: 'address', key: attempt.clientAddress },
  ];
}

export const normalizeSignInEmail = (email: string): string => email.toLowerCase();

/** The wait imposed after an email's `failures`-th failure from one address. */
export function accountDelayMs(failures: number, policy: SignInThrottlePolicy): number {
  const beyond = failures - policy.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (beyond - 1), policy.maxDelayMs);
}

/** The counter as it stands at `now`: null once it has been forgotten. */
export function liveCounter(
  scope: SignInThrottleScope,
  counter: ThrottleCounter | null,
  now: Date,
  policy: SignInThrottlePolicy,
): ThrottleCounter | null {
  if (!counter || counter.failures <= 0) return null;
  const age =
    scope === 'account'
      ? now.getTime() - counter.lastFailureAt.getTime() >= policy.accountMemoryMs
      : now.getTime() - counter.windowStartedAt.getTime() >= policy.addressWindowMs;
  return age ? null : counter;
}

/** Milliseconds until the counter lets an attempt through; 0 when it does now. */
export function waitMs(counter: ThrottleCounter | null, now: Date): number {
  if (!counter?.lockedUntil) return 0;
  return Math.max(0, counter.lockedUntil.getTime() - now.getTime());
}

function lockFor(
  scope: SignInThrottleScope,
  counter: Omit<ThrottleCounter, 'lockedUntil'>,
  policy: SignInThrottlePolicy,
): Date | null {
  if (scope === 'account') {
    const delay = accountDelayMs(counter.failures, policy);
    return delay > 0 ? new Date(counter.lastFailureAt.getTime() + delay) : null;
  }
  return counter.failures >= policy.addressCap
    ? new Date(counter.windowStartedAt.getTime() + policy.addressWindowMs)
    : null;
}

/** The counter after an attempt is counted (as a failure until it is shown to have succeeded). */
export function countAttempt(
  scope: SignInThrottleScope,
  counter: ThrottleCounter | null,
  now: Date,
  policy: SignInThrottlePolicy,
): ThrottleCounter {
  const live = liveCounter(scope, counter, now, policy);
  const next = {
    failures: (live?.failures ?? 0) + 1,
    windowStartedAt: live?.windowStartedAt ?? now,
    lastFailureAt: now,
  };
  return { ...next, lockedUntil: lockFor(scope, next, policy) };
}

/**
 * The counter after a counted attempt turned out to be a correct password: the account counter is
 * forgotten; the address gives back that one attempt only, so signing in to one's own account
 * does not reset a spray against others.
 */
export function releaseAttempt(
  scope: SignInThrottleScope,
  counter: ThrottleCounter | null,
  now: Date,
  policy: SignInThrottlePolicy,
): ThrottleCounter | null {
  if (scope === 'account') return null;
  const live = liveCounter(scope, counter, now, policy);
  if (!live || live.failures <= 1) return null;
  const next = { ...live, failures: live.failures - 1 };
  return { ...next, lockedUntil: lockFor(scope, next, policy) };
}

export type ThrottleDecision =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; scope: SignInThrottleScope };

/** Whether an attempt may go ahead, given both counters as they stand. */
export function decideAttempt(
  counters: Record<SignInThrottleScope, ThrottleCounter | null>,
  now: Date,
  policy: SignInThrottlePolicy,
): ThrottleDecision {
  const account = waitMs(liveCounter('account', counters.account, now, policy), now);
  const address = waitMs(liveCounter('address', counters.address, now, policy), now);
  if (account === 0 && address === 0) return { allowed: true };
  return account >= address
    ? { allowed: false, retryAfterMs: account, scope: 'account' }
    : { allowed: false, retryAfterMs: address, scope: 'address' };
}
