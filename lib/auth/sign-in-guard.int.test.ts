import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { auditEvents, signInThrottles } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { type Auth, buildAuth } from './auth';
import { signInWithPassword } from './sign-in';
import { SIGN_IN_FAILED_EVENT } from './sign-in-failure';
import { SIGN_IN_THROTTLE_POLICY as policy } from './sign-in-throttle';
import { authRequest, TEST_APP_URL } from './testing';

let testDb: TestDatabase;
let db: Db;
let auth: Auth;
let now = Date.UTC(2026, 0, 5, 9);

const PASSWORD = 'demo1234!';
const KIM = 'kim.employee@example.com';

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await seedDatabase(db, { demo: true });
  auth = buildAuth(db, {
    baseURL: TEST_APP_URL,
    secret: 'test-secret-test-secret-test-secret',
    now: () => new Date(now),
  });
});
afterAll(() => testDb?.destroy());
beforeEach(async () => {
  await db.delete(signInThrottles);
  await db.delete(auditEvents);
  now += 24 * 60 * 60_000;
});

const signInOverHttp = (email: string, password: string, clientAddress: string, forwardedFor?: string) =>
  authRequest(auth, '/sign-in/email', {
    body: { email, password },
    clientAddress,
    headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {},
  });

const failures = () =>
  db.select().from(auditEvents).where(eq(auditEvents.kind, SIGN_IN_FAILED_EVENT)).orderBy(auditEvents.id);

describe('POST /api/auth/sign-in/email', () => {
  it('answers 429 with Retry-After to 30 wrong passwords, however X-Forwarded-For rotates', async () => {
    const statuses: number[] = [];
    let throttled: Response | undefined;
    for (let i = 0; i < 30; i++) {
      const response = await signInOverHttp(KIM, `wrong-${i}`, '203.0.113.9', `198.51.100.${i}`);
      statuses.push(response.status);
      if (response.status === 429) throttled ??= response;
    }
    expect(statuses.slice(0, policy.freeFailures + 1)).toEqual(Array(policy.freeFailures + 1).fill(401));
    expect(statuses.slice(policy.freeFailures + 1)).toEqual(Array(30 - policy.freeFailures - 1).fill(429));
    expect(throttled!.headers.get('retry-after')).toBe('30');
    await expect(throttled!.json()).resolves.toMatchObject({
      code: 'TOO_MANY_ATTEMPTS',
      message: '로그인 시도가 너무 많습니다. 30초 뒤에 다시 시도해 주세요.',
    });

    const events = await failures();
    expect(events).toHaveLength(30);
    expect(events.map((event) => event.detail.reason)).toEqual([
      ...Array(policy.freeFailures + 1).fill('wrong_password'),
      ...Array(30 - policy.freeFailures - 1).fill('throttled'),
    ]);
    expect(events[0]).toMatchObject({ subject: KIM, clientAddress: '203.0.113.9' });
    expect(events[0]!.detail).toMatchObject({ via: 'api' });
  });

  it('still lets the owner in from their own address', async () => {
    for (let i = 0; i < 10; i++) await signInOverHttp(KIM, 'wrong', '203.0.113.9');
    expect((await signInOverHttp(KIM, PASSWORD, '203.0.113.9')).status).toBe(429);
    expect((await signInOverHttp(KIM, PASSWORD, '10.1.2.3')).status).toBe(200);
  });

  it('lets the attempts through again once the wait has passed', async () => {
    for (let i = 0; i <= policy.freeFailures; i++) await signInOverHttp(KIM, 'wrong', '203.0.113.9');
    expect((await signInOverHttp(KIM, PASSWORD, '203.0.113.9')).status).toBe(429);
    now += 30_000;
    expect((await signInOverHttp(KIM, PASSWORD, '203.0.113.9')).status).toBe(200);
  });

  it('caps a password spray from one address across accounts', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < policy.addressCap + 3; i++) {
      statuses.push((await signInOverHttp(`nobody${i}@example.com`, 'Password1!', '198.51.100.50')).status);
    }
    expect(statuses.filter((status) => status === 401)).toHaveLength(policy.addressCap);
    expect(statuses.slice(policy.addressCap)).toEqual([429, 429, 429]);
    const [first] = await failures();
    expect(first!.detail.reason).toBe('unknown_account');
  });

  it('refuses a malformed email with 400, counting and writing nothing', async () => {
    for (const email of ['kim\u0000@example.com', 'not-an-email', `${'a'.repeat(300)}@example.com`]) {
      const response = await signInOverHttp(email, 'x', '203.0.113.9');
      expect(response.status).toBe(400);
    }
    expect(await db.select().from(signInThrottles)).toEqual([]);
    expect(await failures()).toEqual([]);
  });
});

describe('the sign-in form (auth.api.signInEmail)', () => {
  const formHeaders = (clientAddress: string) => new Headers({ 'x-portal-client-address': clientAddress });

  it('shares one throttle with /api/auth and answers a wrong password as a refusal', async () => {
    // The first request went through /api/auth, as after a fresh start.
    expect((await signInOverHttp(KIM, 'wrong', '203.0.113.9')).status).toBe(401);
    const outcomes = [];
    for (let i = 0; i < policy.freeFailures + 1; i++) {
      outcomes.push(
        await signInWithPassword(auth, { email: KIM, password: 'wrong' }, formHeaders('203.0.113.9')),
      );
    }
    expect(outcomes.slice(0, policy.freeFailures).map((outcome) => !outcome.ok && outcome.code)).toEqual(
      Array(policy.freeFailures).fill('INVALID_CREDENTIALS'),
    );
    expect(outcomes.at(-1)).toEqual({
      ok: false,
      code: 'TOO_MANY_ATTEMPTS',
      message: '로그인 시도가 너무 많습니다. 30초 뒤에 다시 시도해 주세요.',
      retryAfterSeconds: 30,
    });
    const events = await failures();
    expect(events.map((event) => [event.detail.via, event.detail.reason])).toEqual([
      ['api', 'wrong_password'],
      ...Array(policy.freeFailures).fill(['form', 'wrong_password']),
      ['form', 'throttled'],
    ]);
    // And the API refuses the same client too.
    expect((await signInOverHttp(KIM, PASSWORD, '203.0.113.9')).status).toBe(429);
  });

  it('signs in with the right password and forgets the failures', async () => {
    for (let i = 0; i < policy.freeFailures; i++) {
      await signInWithPassword(auth, { email: KIM, password: 'wrong' }, formHeaders('203.0.113.9'));
    }
    await expect(
      signInWithPassword(auth, { email: KIM.toUpperCase(), password: PASSWORD }, formHeaders('203.0.113.9')),
    ).resolves.toEqual({ ok: true });
    const rows = await db.select().from(signInThrottles);
    expect(rows.map((row) => [row.scope, row.failures])).toEqual([['address', policy.freeFailures]]);
  });
});
