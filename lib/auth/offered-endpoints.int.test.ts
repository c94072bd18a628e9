import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { accounts, users } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { authApiErrorOf } from './api-error';
import { type Auth, buildAuth } from './auth';
import { OFFERED_AUTH_ENDPOINTS } from './offered-endpoints';
import { authRequest, sessionCookieOf, TEST_APP_URL } from './testing';

let testDb: TestDatabase;
let db: Db;
let auth: Auth;
let cookie: string;

const KIM = 'kim.employee@example.com';
const kim = async () => (await db.select().from(users).where(eq(users.email, KIM)))[0]!;
const kimPasswordHash = async () =>
  (
    await db
      .select()
      .from(accounts)
      .where(eq(accounts.userId, (await kim()).id))
  )[0]!.password;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await seedDatabase(db, { demo: true });
  auth = buildAuth(db, { baseURL: TEST_APP_URL, secret: 'test-secret-test-secret-test-secret' });
  const signedIn = await authRequest(auth, '/sign-in/email', {
    body: { email: KIM, password: 'demo1234!' },
    clientAddress: '10.0.0.5',
  });
  cookie = sessionCookieOf(signedIn);
});
afterAll(() => testDb?.destroy());

/** Every endpoint better-auth registered, with a method it answers to and a concrete path. */
function registeredEndpoints(): Array<{ path: string; method: string }> {
  return Object.values(auth.api as Record<string, { path?: string; options?: { method?: unknown } }>)
    .filter((endpoint) => typeof endpoint.path === 'string')
    .map((endpoint) => {
      const methods = [endpoint.options?.method].flat();
      const method =
        methods.find((m) => m === 'POST') ?? methods.find((m) => typeof m === 'string' && m !== '*');
      return { path: endpoint.path!, method: typeof method === 'string' ? method : 'POST' };
    });
}

describe('better-auth endpoints the portal does not offer', () => {
  it('answer 404 to a signed-in user, however they are asked', async () => {
    const offMenu = registeredEndpoints().filter(
      ({ path }) => !OFFERED_AUTH_ENDPOINTS.has(path) && path !== '/update-user',
    );
    expect(offMenu.map(({ path }) => path)).toEqual(
      expect.arrayContaining([
        '/change-email',
        '/change-password',
        '/delete-user',
        '/sign-up/email',
        '/list-sessions',
      ]),
    );
    for (const { path, method } of offMenu) {
      const concrete = path.replace(/:[a-zA-Z]+/g, 'x');
      const response = await authRequest(auth, concrete, {
        method,
        cookie,
        body:
          method === 'GET'
            ? undefined
            : {
                newEmail: 'evil@example.com',
                newPassword: 'Hacked123!',
                currentPassword: 'demo1234!',
                password: 'demo1234!',
                email: 'new@example.com',
                name: 'new',
              },
      });
      expect([path, response.status]).toEqual([path, 404]);
    }
    expect((await kim()).email).toBe(KIM);
  });

  it('do not change the password, the email, or delete the account', async () => {
    const hash = await kimPasswordHash();
    const attempts = [
      [
        '/change-password',
        { currentPassword: 'demo1234!', newPassword: 'Hacked123!', revokeOtherSessions: true },
      ],
      ['/change-email', { newEmail: 'evil@example.com' }],
      ['/delete-user', { password: 'demo1234!' }],
    ] as const;
    for (const [path, body] of attempts) {
      expect((await authRequest(auth, path, { body, cookie })).status).toBe(404);
    }
    expect(await kimPasswordHash()).toBe(hash);
    expect(await kim()).toMatchObject({ email: KIM, name: '김구매' });
  });

  it('still answer the session and sign-out the portal uses', async () => {
    const session = await authRequest(auth, '/get-session', { cookie });
    expect(session.status).toBe(200);
    await expect(session.json()).resolves.toMatchObject({ user: { email: KIM } });
  });
});

describe('POST /api/auth/update-user', () => {
  it.each([
    [{ name: 'x'.repeat(200_000) }],
    [{ name: '김\u0000구매' }],
    [{ name: '김구매\u202e' }],
    [{ image: 'javascript:alert(1)' }],
  ])('answers 400 to bad input %#, writing nothing', async (body) => {
    const response = await authRequest(auth, '/update-user', { body, cookie });
    expect(response.status).toBe(400);
    await expect(response.json()).resolves.toMatchObject({ code: 'INVALID_USER_FIELD' });
    expect(await kim()).toMatchObject({ name: '김구매', image: null });
  });

  it('refuses a plain rename or photo too: names come from the directory', async () => {
    for (const body of [{ name: '관리자' }, { image: 'https://cdn.example.com/a.png' }]) {
      const response = await authRequest(auth, '/update-user', { body, cookie });
      expect(response.status).toBe(403);
      await expect(response.json()).resolves.toMatchObject({ code: 'PROFILE_FROM_DIRECTORY' });
    }
    expect(await kim()).toMatchObject({ name: '김구매', image: null });
  });
});

describe('user records written through better-auth', () => {
  it('refuse a name with control characters or an unsafe image, whoever writes them', async () => {
    const context = await auth.$context;
    const { id } = await kim();
    for (const update of [{ name: 'a\u0000b' }, { name: 'n'.repeat(51) }, { image: 'javascript:alert(1)' }]) {
      const error = await context.internalAdapter.updateUser(id, update).catch((caught: unknown) => caught);
      expect(authApiErrorOf(error)).toMatchObject({ statusCode: 400, code: 'INVALID_USER_FIELD' });
    }
    expect(await kim()).toMatchObject({ name: '김구매', image: null });
  });
});
