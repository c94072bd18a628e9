import { jsonb, pgTable, text, timestamp } from 'drizzle-orm/pg-core';

/**
 * Named leases that let several app instances share one PostgreSQL: the holder of a lease runs the
 * job (for example one poll per cron tick), and the row keeps what admins see about its last run.
 */
export const schedulerLeases = pgTable('scheduler_leases', {
  name: text('name').primaryKey(),
  holder: text('holder'),
  leaseExpiresAt: timestamp('lease_expires_at', { withTimezone: true }),
  /** The schedule slot (task name + fire time, ISO) last elected to run; only moves forward. */
  currentSlot: text('current_slot'),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  lastRunHolder: text('last_run_holder'),
  lastSummary: jsonb('last_summary').$type<Record<string, unknown>>(),
  lastError: text('last_error'),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }),
});
