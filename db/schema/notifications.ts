import { sql } from 'drizzle-orm';
import { bigint, bigserial, index, pgTable, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';
import { approvalEvents } from './knox/approvals';
import { users } from './users';

/**
 * What a person is told about an approval's move:
 * - executed / rejected / withdrawn / expired / failed: to the requester, about their own action
 * - action_failed: to every admin, about anyone's action that failed
 */
export const NOTIFICATION_KINDS = [
  'executed',
  'rejected',
  'withdrawn',
  'expired',
  'failed',
  'action_failed',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/**
 * One row per person per approval event (the move that caused it), written in the move's own
 * transaction: the unique key is what makes a repeated poll or a second instance unable to tell
 * anyone twice.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    eventId: bigint('event_id', { mode: 'number' })
      .notNull()
      .references(() => approvalEvents.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: NOTIFICATION_KINDS }).notNull(),
    apInfId: text('ap_inf_id').notNull(),
    /** The approval's title, as submitted. */
    title: text('title').notNull(),
    /** One Korean sentence: what happened and why (the opinion, the error). */
    message: text('message').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp('read_at', { withTimezone: true }),
  },
  (table) => [
    uniqueIndex('notifications_user_event_key').on(table.userId, table.eventId),
    // The list, newest first.
    index('notifications_user_idx').on(table.userId, table.id),
    // The bell's count on every page: only the unread rows are in it.
    index('notifications_unread_idx').on(table.userId).where(sql`${table.readAt} is null`),
  ],
);

export type Notification = typeof notifications.$inferSelect;
