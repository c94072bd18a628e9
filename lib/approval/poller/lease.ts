import { hostname } from 'node:os';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import { schedulerLeases } from '@/db/schema';
import { logger } from '@/lib/observability/logger';
import { errorText } from '../errors';

const pollLog = () => logger().child({ component: 'approval-poller' });

/** The scheduler_leases row of the poller; /api/health reads its last_run_at. */
export const POLLER_LEASE_NAME = 'approval-poller';

const INSTANCE_ID = `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

/** This process's name in the lease row. */
export function instanceId(): string {
  return INSTANCE_ID;
}

/**
 * How long an elected poller run keeps the others off without renewing: its holder renews it every
 * third of this while it runs, so a run killed mid-cycle (SIGKILL, a lost machine) frees the
 * poller within this time instead of blocking every instance for a long fixed lease.
 */
export const POLLER_LEASE_MS = 60_000;

/**
 * node-cron's run coordinator backed by the lease row: of all instances whose cron fires for the
 * same slot, the one whose compare-and-set moves `current_slot` forward runs; the others skip.
 * A run still holding an unexpired lease also makes the next slot skip (no overlap across
 * instances). The holder renews its lease while the run lasts; onComplete releases it.
 */
export function createLeaseCoordinator(getDatabase: () => Promise<Db>, holder: string) {
  const renewals = new Map<string, NodeJS.Timeout>();
  const stopRenewing = (key: string) => {
    clearInterval(renewals.get(key));
    renewals.delete(key);
  };
  const renew = async (key: string, ttlMs: number) => {
    try {
      const db = await getDatabase();
      const rows = await db.execute<{ name: string }>(sql`
        update scheduler_leases
           set lease_expires_at = now() + make_interval(secs => ${ttlMs / 1000})
         where name = ${POLLER_LEASE_NAME} and holder = ${holder} and current_slot = ${key}
           and lease_expires_at is not null
        returning name`);
      // Taken over (it lapsed meanwhile): stop renewing someone else's lease.
      if (rowsOf(rows).length === 0) stopRenewing(key);
    } catch (error) {
      pollLog().warn({ err: errorText(error) }, '[Approval Polling] lease renewal failed');
    }
  };
  return {
    async shouldRun(key: string, ttlMs: number): Promise<boolean> {
      const db = await getDatabase();
      const rows = await db.execute<{ name: string }>(sql`
        insert into scheduler_leases (name, holder, lease_expires_at, current_slot)
        values (${POLLER_LEASE_NAME}, ${holder}, now() + make_interval(secs => ${ttlMs / 1000}), ${key})
        on conflict (name) do update
          set holder = excluded.holder,
              lease_expires_at = excluded.lease_expires_at,
              current_slot = excluded.current_slot
          where (scheduler_leases.current_slot is null or scheduler_leases.current_slot < excluded.current_slot)
            and (scheduler_leases.lease_expires_at is null or scheduler_leases.lease_expires_at < now())
        returning name`);
      const elected = rowsOf(rows).length > 0;
      if (elected) {
        const timer = setInterval(() => void renew(key, ttlMs), Math.max(1, Math.floor(ttlMs / 3)));
        timer.unref();
        renewals.set(key, timer);
      }
      return elected;
    },
    async onComplete(key: string): Promise<void> {
      stopRenewing(key);
      const db = await getDatabase();
      await db
        .update(schedulerLeases)
        .set({ leaseExpiresAt: null })
        .where(
          and(
            eq(schedulerLeases.name, POLLER_LEASE_NAME),
            eq(schedulerLeases.holder, holder),
            eq(schedulerLeases.currentSlot, key),
          ),
        );
    },
  };
}
