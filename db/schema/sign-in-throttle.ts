import { index, integer, pgTable, primaryKey, text, timestamp } from 'drizzle-orm/pg-core';

export const SIGN_IN_THROTTLE_SCOPES = ['account', 'address'] as const;
export type SignInThrottleScope = (typeof SIGN_IN_THROTTLE_SCOPES)[number];

/**
 * Failed sign-in counters, in the database so they hold across restarts and instances. Two kinds of
 * row: `account` (one email from one client address, growing delays) and `address` (one client
 * address across all emails, a cap per window). lib/auth/sign-in-throttle.ts holds the rules.
 */
export const signInThrottles = pgTable(
  'sign_in_throttles',
  {
    scope: text('scope', { enum: SIGN_IN_THROTTLE_SCOPES }).notNull(),
    /** `account`: `<email>|<address>`; `address`: the client address. */
    key: text('key').notNull(),
    failures: integer('failures').notNull().default(0),
    windowStartedAt: timestamp('window_started_at', { withTimezone: true }).notNull(),
    lastFailureAt: timestamp('last_failure_at', { withTimezone: true }).notNull(),
    /** Attempts before this moment are refused with 429; null when none is. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
  },
  (table) => [
    primaryKey({ columns: [table.scope, table.key] }),
    index('sign_in_throttles_last_failure_idx').on(table.lastFailureAt),
  ],
);

export type SignInThrottleRow = typeof signInThrottles.$inferSelect;
