import { and, count, desc, eq, inArray, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '@/db';
import { type Notification, notifications } from '@/db/schema';

/** The most one read returns: the page and the REST API page through older ones with `before`. */
export const MAX_NOTIFICATIONS = 100;

export interface NotificationListQuery {
  unreadOnly?: boolean;
  limit?: number;
  /** Only notifications older than this id (the last one of the page before). */
  before?: number;
}

/** A person's own notifications, newest first. */
export async function listNotifications(
  db: Db,
  userId: string,
  query: NotificationListQuery = {},
): Promise<Notification[]> {
  const limit = Math.min(Math.max(1, query.limit ?? 20), MAX_NOTIFICATIONS);
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        query.unreadOnly ? isNull(notifications.readAt) : undefined,
        query.before ? lt(notifications.id, query.before) : undefined,
      ),
    )
    .orderBy(desc(notifications.id))
    .limit(limit);
}

/** How many of a person's notifications are unread (the bell). */
export async function countUnread(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return Number(row?.n ?? 0);
}

/**
 * Marks a person's own notifications read: those of `ids` (someone else's ids among them are left
 * alone, as if they did not exist), or all of them when `ids` is absent. Returns how many moved.
 */
export async function markRead(db: Db, userId: string, ids?: readonly number[]): Promise<number> {
  if (ids && ids.length === 0) return 0;
  const moved = await db
    .update(notifications)
    .set({ readAt: sql`now()` })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids ? inArray(notifications.id, [...ids]) : undefined,
      ),
    )
    .returning({ id: notifications.id });
  return moved.length;
}
