import { z } from 'zod';
import type { Db } from '@/db';
import type { Notification } from '@/db/schema';
import type { CurrentUser } from '@/lib/auth/current-user';
import { countUnread, listNotifications, MAX_NOTIFICATIONS, markRead } from '@/lib/notification/queries';
import { parseInput } from './errors';

const listQuerySchema = z
  .object({
    unread: z.enum(['true', 'false', '1', '0'], { message: 'true 또는 false여야 합니다' }).optional(),
    limit: z.coerce.number().int().min(1).max(MAX_NOTIFICATIONS).optional(),
    before: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

export const markReadBodySchema = z
  .object({
    ids: z
      .array(z.number().int().positive().max(Number.MAX_SAFE_INTEGER), {
        message: '알림 ID(양의 정수)의 배열이어야 합니다',
      })
      .max(1_000)
      .optional(),
  })
  .strict();

const toJson = (row: Notification) => ({
  id: row.id,
  kind: row.kind,
  apInfId: row.apInfId,
  title: row.title,
  message: row.message,
  createdAt: row.createdAt,
  readAt: row.readAt,
});

/** GET /api/notifications: the caller's own, newest first, with the unread count. */
export async function listNotificationsForUser(db: Db, user: CurrentUser, query: Record<string, string>) {
  const parsed = parseInput(listQuerySchema, query, '쿼리');
  const rows = await listNotifications(db, user.id, {
    unreadOnly: parsed.unread === 'true' || parsed.unread === '1',
    limit: parsed.limit ?? 20,
    before: parsed.before,
  });
  return { notifications: rows.map(toJson), unread: await countUnread(db, user.id) };
}

/** POST /api/notifications/read: marks the caller's own (all when `ids` is absent). */
export async function markNotificationsRead(
  db: Db,
  user: CurrentUser,
  body: z.infer<typeof markReadBodySchema>,
) {
  const marked = await markRead(db, user.id, body.ids);
  return { marked, unread: await countUnread(db, user.id) };
}
