import { forUser } from '@/lib/auth/data-access';
import { countUnread, listNotifications } from './queries';

/** What the shell and /notifications read: the signed-in person's own notifications only. */

/** The bell: the viewer's unread count. */
export const loadUnreadCount = forUser(async ({ db, user }) => countUnread(db, user.id));

/** The list page: newest first, a page at a time (`before` the last id seen), and the unread count. */
export const loadNotifications = forUser(
  async ({ db, user }, query: { unreadOnly: boolean; limit: number; before?: number }) => {
    // One more than asked tells whether an older page exists.
    const rows = await listNotifications(db, user.id, { ...query, limit: query.limit + 1 });
    return {
      items: rows.slice(0, query.limit),
      hasOlder: rows.length > query.limit,
      unread: await countUnread(db, user.id),
    };
  },
);
