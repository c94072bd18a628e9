import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { signInThrottles } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { SIGN_IN_THROTTLE_POLICY as policy } from './sign-in-throttle';
import { releaseSignInAttempt, reserveSignInAttempt } from './sign-in-throttle-store';

let testDb: TestDatabase;
let db: Db;
let now = Date.UTC(2026, 0, 5, 9);
const options = { now: () => new Date(now) };

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
});
afterAll(() => testDb?.destroy());
beforeEach(async () => {
  await db.delete(signInThrottles);
});

const attempt = (email: string, clientAddress: string) => ({ email, clientAddress });

/** Reserves `times` attempts that all fail (nothing is released); returns the decisions. */
async function failTimes(email: string, clientAddress: string, times: number) {
  const decisions = [];
  for (let i = 0; i < times; i++)
    decisions.push(await reserveSignInAttempt(db, attempt(email, clientAddress), options));
  return decisions;
}

describe('reserveSignInAttempt', () => {
  it('refuses an email from one address once its free failures are used, with the wait', async () => {
    const decisions = await failTimes('kim@example.com', '203.0.113.9', policy.freeFailures + 2);
    expect(decisions.slice(0, policy.freeFailures + 1).every((d) => d.allowed)).toBe(true);
    expect(decisions.at(-1)).toEqual({ allowed: false, retryAfterMs: policy.baseDelayMs, scope: 'account' });
    now += policy.baseDelayMs;
    expect(await reserveSignInAttempt(db, attempt('kim@example.com', '203.0.113.9'), options)).toEqual({
      allowed: true,
    });
  });

  it('does not lock the owner out when someone else guesses from another address', async () => {
    await failTimes('kim@example.com', '203.0.113.9', 20);
    expect(await reserveSignInAttempt(db, attempt('kim@example.com', '10.1.2.3'), options)).toEqual({
      allowed: true,
    });
  });

  it('caps one address across many emails', async () => {
    for (let i = 0; i < policy.addressCap; i++) {
      expect(
        await reserveSignInAttempt(db, attempt(`user${i}@example.com`, '198.51.100.7'), options),
      ).toEqual({
        allowed: true,
      });
    }
    expect(await reserveSignInAttempt(db, attempt('new@example.com', '198.51.100.7'), options)).toMatchObject(
      {
        allowed: false,
        scope: 'address',
      },
    );
    // Another address is not affected.
    expect(await reserveSignInAttempt(db, attempt('new@example.com', '198.51.100.8'), options)).toEqual({
      allowed: true,
    });
  });

  it('keeps its counters in database rows', async () => {
    await failTimes('lee@example.com', '203.0.113.10', policy.freeFailures + 1);
    const rows = await db.select().from(signInThrottles);
    expect(rows.map((row) => [row.scope, row.key, row.failures]).sort()).toEqual([
      ['account', 'lee@example.com|203.0.113.10', policy.freeFailures + 1],
      ['address', '203.0.113.10', policy.freeFailures + 1],
    ]);
  });

  it('keeps no row for a refused attempt that had none', async () => {
    for (let i = 0; i < policy.addressCap; i++) await failTimes(`user${i}@example.com`, '192.0.2.1', 1);
    expect(await reserveSignInAttempt(db, attempt('new@example.com', '192.0.2.1'), options)).toMatchObject({
      allowed: false,
    });
    const keys = (await db.select().from(signInThrottles)).map((row) => row.key);
    expect(keys).toHaveLength(policy.addressCap + 1);
    expect(keys).not.toContain('new@example.com|192.0.2.1');
  });
});

describe('releaseSignInAttempt', () => {
  it('forgets the account counter after a correct password, but not the address spray', async () => {
    await failTimes('kim@example.com', '203.0.113.9', policy.freeFailures);
    await reserveSignInAttempt(db, attempt('kim@example.com', '203.0.113.9'), options);
    await releaseSignInAttempt(db, attempt('kim@example.com', '203.0.113.9'), options);
    const rows = await db.select().from(signInThrottles);
    expect(rows.map((row) => [row.scope, row.failures])).toEqual([['address', policy.freeFailures]]);
    expect(await reserveSignInAttempt(db, attempt('kim@example.com', '203.0.113.9'), options)).toEqual({
      allowed: true,
    });
  });
});
