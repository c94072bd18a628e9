import { and, eq, lt } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { type SignInThrottleRow, type SignInThrottleScope, signInThrottles } from '@/db/schema';
import {
  countAttempt,
  decideAttempt,
  liveCounter,
  releaseAttempt,
  SIGN_IN_THROTTLE_POLICY,
  type SignInAttempt,
  type SignInThrottlePolicy,
  type ThrottleCounter,
  type ThrottleDecision,
  type ThrottleKey,
  throttleKeysOf,
} from './sign-in-throttle';

export interface ThrottleStoreOptions {
  now?: () => Date;
  policy?: SignInThrottlePolicy;
}

const toCounter = (row: SignInThrottleRow | undefined): ThrottleCounter | null =>
  row
    ? {
        failures: row.failures,
        windowStartedAt: row.windowStartedAt,
        lastFailureAt: row.lastFailureAt,
        lockedUntil: row.lockedUntil,
      }
    : null;

/** Locks one counter row for this transaction, creating it first so there is a row to lock. */
async function lockCounter(tx: Tx, { scope, key }: ThrottleKey, now: Date): Promise<ThrottleCounter | null> {
  await tx
    .insert(signInThrottles)
    .values({ scope, key, failures: 0, windowStartedAt: now, lastFailureAt: now })
    .onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(signInThrottles)
    .where(and(eq(signInThrottles.scope, scope), eq(signInThrottles.key, key)))
    .for('update');
  return toCounter(row);
}

async function writeCounter(tx: Tx, { scope, key }: ThrottleKey, counter: ThrottleCounter | null) {
  const where = and(eq(signInThrottles.scope, scope), eq(signInThrottles.key, key));
  if (counter) await tx.update(signInThrottles).set(counter).where(where);
  else await tx.delete(signInThrottles).where(where);
}

/**
 * Decides whether a sign-in attempt may check its password and, when it may, counts it on both
 * counters in the same transaction (row locks taken in a fixed order), so concurrent attempts are
 * counted one after another and never all pass a stale read.
 */
export async function reserveSignInAttempt(
  db: Db,
  attempt: SignInAttempt,
  options: ThrottleStoreOptions = {},
): Promise<ThrottleDecision> {
  const now = options.now?.() ?? new Date();
  const policy = options.policy ?? SIGN_IN_THROTTLE_POLICY;
  const keys = throttleKeysOf(attempt);
  const decision = await db.transaction(async (tx) => {
    const counters = {} as Record<SignInThrottleScope, ThrottleCounter | null>;
    for (const key of keys) counters[key.scope] = await lockCounter(tx, key, now);
    const decided = decideAttempt(counters, now, policy);
    if (decided.allowed) {
      for (const key of keys)
        await writeCounter(tx, key, countAttempt(key.scope, counters[key.scope], now, policy));
    } else {
      // Counters that were only created to be locked are not kept.
      for (const key of keys) {
        if (!liveCounter(key.scope, counters[key.scope], now, policy)) await writeCounter(tx, key, null);
      }
    }
    return decided;
  });
  if (decision.allowed) await forgetStaleCounters(db, now, policy);
  return decision;
}

/** Gives back the attempt reserved for a sign-in that succeeded (see releaseAttempt). */
export async function releaseSignInAttempt(
  db: Db,
  attempt: SignInAttempt,
  options: ThrottleStoreOptions = {},
): Promise<void> {
  const now = options.now?.() ?? new Date();
  const policy = options.policy ?? SIGN_IN_THROTTLE_POLICY;
  await db.transaction(async (tx) => {
    for (const key of throttleKeysOf(attempt)) {
      const counter = await lockCounter(tx, key, now);
      await writeCounter(tx, key, releaseAttempt(key.scope, counter, now, policy));
    }
  });
}

/** Rows no rule would look at any more; keeps the table from growing with every guessed address. */
async function forgetStaleCounters(db: Db, now: Date, policy: SignInThrottlePolicy): Promise<void> {
  const horizon = Math.max(policy.accountMemoryMs, policy.addressWindowMs, policy.maxDelayMs);
  await db
    .delete(signInThrottles)
    .where(lt(signInThrottles.lastFailureAt, new Date(now.getTime() - horizon)));
}
