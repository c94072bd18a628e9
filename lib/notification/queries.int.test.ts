import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalEvents, notifications } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { countUnread, listNotifications, markRead } from './queries';

let database: TestDatabase;
const ids: Record<string, number> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await seedDatabase(db, { demo: true });
  const events = await db
    .insert(approvalEvents)
    .values(
      ['AP-1', 'AP-2', 'AP-3'].map((apInfId) => ({
        apInfId,
        pendingActionId: null,
        actor: 'knox',
        eventType: 'rejected',
        toStatus: 'rejected',
      })),
    )
    .returning({ id: approvalEvents.id, apInfId: approvalEvents.apInfId });
  const rows = await db
    .insert(notifications)
    .values([
      ...events.map((event) => ({
        userId: 'usr_kim',
        eventId: event.id,
        kind: 'rejected' as const,
        apInfId: event.apInfId,
        title: `제목 ${event.apInfId}`,
        message: '반려되었습니다',
      })),
      {
        userId: 'usr_lee',
        eventId: events[0]!.id,
        kind: 'rejected' as const,
        apInfId: 'AP-1',
        title: '이품질의 것',
        message: '반려되었습니다',
      },
    ])
    .returning({ id: notifications.id, userId: notifications.userId, apInfId: notifications.apInfId });
  for (const row of rows) ids[`${row.userId}:${row.apInfId}`] = row.id;
});
afterAll(() => database?.destroy());

describe('notification queries', () => {
  it('list a person’s own notifications, newest first, a page at a time', async () => {
    const { db } = database;
    const all = await listNotifications(db, 'usr_kim');
    expect(all.map((row) => row.apInfId)).toEqual(['AP-3', 'AP-2', 'AP-1']);
    const page = await listNotifications(db, 'usr_kim', { limit: 2 });
    expect(page.map((row) => row.apInfId)).toEqual(['AP-3', 'AP-2']);
    const older = await listNotifications(db, 'usr_kim', { limit: 2, before: page.at(-1)!.id });
    expect(older.map((row) => row.apInfId)).toEqual(['AP-1']);
    expect(await countUnread(db, 'usr_kim')).toBe(3);
  });

  it('marking another person’s id marks nothing; one’s own marks it once', async () => {
    const { db } = database;
    expect(await markRead(db, 'usr_kim', [ids['usr_lee:AP-1']!])).toBe(0);
    expect(await countUnread(db, 'usr_lee')).toBe(1);
    expect(await markRead(db, 'usr_kim', [ids['usr_kim:AP-1']!, ids['usr_lee:AP-1']!])).toBe(1);
    expect(await markRead(db, 'usr_kim', [ids['usr_kim:AP-1']!])).toBe(0);
    expect(await countUnread(db, 'usr_kim')).toBe(2);
    expect(await countUnread(db, 'usr_lee')).toBe(1);
    const unread = await listNotifications(db, 'usr_kim', { unreadOnly: true });
    expect(unread.map((row) => row.apInfId)).toEqual(['AP-3', 'AP-2']);
  });

  it('marking all marks only the caller’s own', async () => {
    const { db } = database;
    expect(await markRead(db, 'usr_kim')).toBe(2);
    expect(await countUnread(db, 'usr_kim')).toBe(0);
    expect(await countUnread(db, 'usr_lee')).toBe(1);
    expect(await markRead(db, 'usr_kim', [])).toBe(0);
  });
});
