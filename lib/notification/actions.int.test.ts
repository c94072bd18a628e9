import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { setDatabase } from '@/db';
import { approvalEvents, notifications } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import type { CurrentUser } from '@/lib/auth/current-user';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { markAllNotificationsReadAction, markNotificationReadAction } = await import('./actions');

const person = (id: string): CurrentUser => ({
  id,
  name: id,
  email: `${id}@example.com`,
  epId: null,
  role: 'employee',
  department: null,
  title: null,
});

let database: TestDatabase;
let kimId: number;
let leeId: number;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  await seedDatabase(database.db, { demo: true });
  const [event] = await database.db
    .insert(approvalEvents)
    .values({ apInfId: 'AP-1', pendingActionId: null, actor: 'knox', eventType: 'rejected' })
    .returning({ id: approvalEvents.id });
  const rows = await database.db
    .insert(notifications)
    .values(
      ['usr_kim', 'usr_lee'].map((userId) => ({
        userId,
        eventId: event!.id,
        kind: 'rejected' as const,
        apInfId: 'AP-1',
        title: '제목',
        message: '반려되었습니다',
      })),
    )
    .returning({ id: notifications.id, userId: notifications.userId });
  kimId = rows.find((row) => row.userId === 'usr_kim')!.id;
  leeId = rows.find((row) => row.userId === 'usr_lee')!.id;
});
afterAll(() => database?.destroy());

const readAt = async (id: number) =>
  (await database.db.select().from(notifications).where(eq(notifications.id, id)))[0]!.readAt;

describe('notification server actions', () => {
  it('읽음 on another person’s notification marks nothing', async () => {
    session.user = person('usr_kim');
    expect(await markNotificationReadAction({ id: leeId })).toEqual({ ok: true, data: { marked: 0 } });
    expect(await readAt(leeId)).toBeNull();
    expect(await markNotificationReadAction({ id: kimId })).toEqual({ ok: true, data: { marked: 1 } });
    expect(await readAt(kimId)).not.toBeNull();
  });

  it('모두 읽음 marks the caller’s own only; bad input is refused', async () => {
    session.user = person('usr_kim');
    expect(await markAllNotificationsReadAction({})).toEqual({ ok: true, data: { marked: 0 } });
    expect(await readAt(leeId)).toBeNull();
    expect(await markNotificationReadAction({ id: -1 })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    session.user = person('usr_lee');
    expect(await markAllNotificationsReadAction({})).toEqual({ ok: true, data: { marked: 1 } });
  });
});
