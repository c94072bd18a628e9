import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as markReadRoute } from '@/app/api/notifications/read/route';
import { GET as listRoute } from '@/app/api/notifications/route';
import { setDatabase } from '@/db';
import { approvalEvents, notifications } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { getAuth } from '@/lib/auth/auth';
import { authRequest, sessionCookieOf, TEST_APP_URL } from '@/lib/auth/testing';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';

/** The notification routes through their exported handlers, by token and by session cookie. */

let database: TestDatabase;
let kimCookie: string;
const ids = { kim: [] as number[], lee: 0 };

function call(
  handler: (request: Request) => Promise<Response>,
  method: string,
  path: string,
  options: { token?: string; cookie?: string; origin?: string; body?: unknown; raw?: string } = {},
) {
  const headers = new Headers({ 'content-type': 'application/json' });
  if (options.token) headers.set('authorization', `Bearer ${options.token}`);
  if (options.cookie) headers.set('cookie', options.cookie);
  if (options.origin) headers.set('origin', options.origin);
  return handler(
    new Request(`${TEST_APP_URL}${path}`, {
      method,
      headers,
      body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
    }),
  );
}

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
  await seedDatabase(database.db, { demo: true });
  const events = await database.db
    .insert(approvalEvents)
    .values(
      ['AP-1', 'AP-2', 'AP-3'].map((apInfId) => ({
        apInfId,
        pendingActionId: null,
        actor: 'knox',
        eventType: 'rejected',
      })),
    )
    .returning({ id: approvalEvents.id, apInfId: approvalEvents.apInfId });
  const rows = await database.db
    .insert(notifications)
    .values([
      ...events.map((event) => ({
        userId: 'usr_kim',
        eventId: event.id,
        kind: 'rejected' as const,
        apInfId: event.apInfId,
        title: `제목 ${event.apInfId}`,
        message: '정규업체 등록 결재가 반려되었습니다 — 최팀장: 서류 미비',
      })),
      {
        userId: 'usr_lee',
        eventId: events[0]!.id,
        kind: 'rejected' as const,
        apInfId: 'AP-1',
        title: '제목',
        message: '반려',
      },
    ])
    .returning({ id: notifications.id, userId: notifications.userId });
  ids.kim = rows.filter((row) => row.userId === 'usr_kim').map((row) => row.id);
  ids.lee = rows.find((row) => row.userId === 'usr_lee')!.id;
  const signedIn = await authRequest(await getAuth(), '/sign-in/email', {
    body: { email: 'kim.employee@example.com', password: 'demo1234!' },
    clientAddress: '10.0.0.9',
  });
  kimCookie = sessionCookieOf(signedIn);
});
afterAll(() => database?.destroy());

describe('GET /api/notifications', () => {
  it('answers the caller’s own, newest first, with the unread count', async () => {
    const response = await call(listRoute, 'GET', '/api/notifications', { token: 'demo-kim.employee' });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body.unread).toBe(3);
    expect(body.notifications.map((n: { apInfId: string }) => n.apInfId)).toEqual(['AP-3', 'AP-2', 'AP-1']);
    expect(Object.keys(body.notifications[0]).sort()).toEqual(
      ['apInfId', 'createdAt', 'id', 'kind', 'message', 'readAt', 'title'].sort(),
    );
    const lee = await (
      await call(listRoute, 'GET', '/api/notifications', { token: 'demo-lee.employee' })
    ).json();
    expect(lee.notifications.map((n: { id: number }) => n.id)).toEqual([ids.lee]);
  });

  it('takes ?unread=true&limit=N and refuses bad values', async () => {
    const body = await (
      await call(listRoute, 'GET', '/api/notifications?unread=true&limit=2', { token: 'demo-kim.employee' })
    ).json();
    expect(body.notifications).toHaveLength(2);
    for (const query of ['limit=0', 'limit=101', 'limit=x', 'unread=maybe', 'other=1']) {
      const response = await call(listRoute, 'GET', `/api/notifications?${query}`, {
        token: 'demo-kim.employee',
      });
      expect(response.status, query).toBe(400);
      expect((await response.json()).error.code).toBe('INVALID_INPUT');
    }
  });

  it('answers a signed-in browser by its session cookie; nobody without one', async () => {
    const response = await call(listRoute, 'GET', '/api/notifications', { cookie: kimCookie });
    expect(response.status).toBe(200);
    expect((await response.json()).notifications).toHaveLength(3);
    expect((await call(listRoute, 'GET', '/api/notifications')).status).toBe(401);
    expect((await call(listRoute, 'GET', '/api/notifications', { cookie: 'x=1' })).status).toBe(401);
  });
});

describe('POST /api/notifications/read', () => {
  it('marks only the caller’s own ids: another person’s id is left unread', async () => {
    const response = await call(markReadRoute, 'POST', '/api/notifications/read', {
      token: 'demo-kim.employee',
      body: { ids: [ids.kim[0], ids.lee] },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ marked: 1, unread: 2 });
    const lee = await (
      await call(listRoute, 'GET', '/api/notifications', { token: 'demo-lee.employee' })
    ).json();
    expect(lee.unread).toBe(1);
  });

  it('refuses ids that are not positive integers, and changes nothing', async () => {
    for (const body of [
      { ids: [0] },
      { ids: [-1] },
      { ids: ['1'] },
      { ids: [1.5] },
      { ids: 3 },
      { all: true },
    ]) {
      const response = await call(markReadRoute, 'POST', '/api/notifications/read', {
        token: 'demo-kim.employee',
        body,
      });
      expect(response.status, JSON.stringify(body)).toBe(400);
    }
    const broken = await call(markReadRoute, 'POST', '/api/notifications/read', {
      token: 'demo-kim.employee',
      raw: '{"ids": [',
    });
    expect(broken.status).toBe(400);
    const body = await (
      await call(listRoute, 'GET', '/api/notifications', { token: 'demo-kim.employee' })
    ).json();
    expect(body.unread).toBe(2);
  });

  it('a session-cookie POST from another origin, or without one, is refused; from the app it marks all', async () => {
    for (const origin of [undefined, 'https://evil.example', 'null']) {
      const response = await call(markReadRoute, 'POST', '/api/notifications/read', {
        cookie: kimCookie,
        origin,
      });
      expect(response.status, String(origin)).toBe(403);
    }
    let body = await (
      await call(listRoute, 'GET', '/api/notifications', { token: 'demo-kim.employee' })
    ).json();
    expect(body.unread).toBe(2);
    const response = await call(markReadRoute, 'POST', '/api/notifications/read', {
      cookie: kimCookie,
      origin: TEST_APP_URL,
    });
    expect(await response.json()).toEqual({ marked: 2, unread: 0 });
    body = await (await call(listRoute, 'GET', '/api/notifications', { token: 'demo-lee.employee' })).json();
    expect(body.unread).toBe(1);
  });
});
