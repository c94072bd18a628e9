import { sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { env } from '@/lib/env';

/** SQLSTATEs of a wait the database gave up on: lock_timeout, statement_timeout, deadlock, serialization. */
const TRANSIENT_CODES = new Set(['55P03', '57014', '40P01', '40001']);

export function isTransientDatabaseError(error: unknown): boolean {
  // drizzle wraps the driver's error (with its SQLSTATE) as `cause`; a few levels are plenty.
  let cause = error;
  for (let depth = 0; depth < 5 && cause && typeof cause === 'object'; depth += 1) {
    const code = (cause as { code?: unknown }).code;
    if (typeof code === 'string' && TRANSIENT_CODES.has(code)) return true;
    cause = (cause as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * A handler waiting on a row another session holds (or a statement that never ends) would hold the
 * whole batch, and the poller's cycle, for as long: bound both for this transaction only.
 */
export async function boundWaits(tx: Tx): Promise<void> {
  const config = env();
  await tx.execute(sql`
    select set_config('lock_timeout', ${`${config.APPROVAL_EXECUTION_LOCK_TIMEOUT_MS}ms`}, true),
           set_config('statement_timeout', ${`${config.APPROVAL_EXECUTION_STATEMENT_TIMEOUT_MS}ms`}, true)`);
}
