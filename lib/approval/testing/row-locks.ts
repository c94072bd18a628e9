/**
 * PostgreSQL test support: who is blocked on a row lock right now. A claimer that skips locked rows
 * never shows up here; one that waits for them does, at once, so a test can assert "no claimer
 * waited" instead of noticing a hang only when its time-out fires.
 */
import { sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rowsOf } from '@/db/raw-sql';

export interface LockWaiter {
  pid: number;
  waitEvent: string;
  query: string;
}

/**
 * Backends of the current database waiting for another transaction's row lock (`transactionid`
 * or `tuple`). Other heavyweight waits, such as the global NOTIFY lock every commit with a
 * pg_notify takes, are not row locks and are left out.
 */
export async function rowLockWaiters(db: Db): Promise<LockWaiter[]> {
  return rowsOf<{ pid: number; wait_event: string; query: string }>(
    await db.execute(sql`
      select pid, wait_event, query from pg_stat_activity
       where datname = current_database() and pid <> pg_backend_pid()
         and wait_event_type = 'Lock' and wait_event in ('transactionid', 'tuple')`),
  ).map((row) => ({
    pid: Number(row.pid),
    waitEvent: row.wait_event,
    query: row.query.replace(/\s+/g, ' ').slice(0, 160),
  }));
}

/** A row lock held by its own transaction until release() is called: a claimer caught mid-run. */
export async function holdRowLock(
  db: Db,
  table: 'pending_actions',
  apInfId: string,
): Promise<{ release: () => Promise<void> }> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  let locked!: () => void;
  const isLocked = new Promise<void>((resolve) => {
    locked = resolve;
  });
  const transaction = db.transaction(async (tx) => {
    await tx.execute(sql`select id from ${sql.identifier(table)} where ap_inf_id = ${apInfId} for update`);
    locked();
    await released;
  });
  await Promise.race([isLocked, transaction]);
  return {
    async release() {
      release();
      await transaction;
    },
  };
}
