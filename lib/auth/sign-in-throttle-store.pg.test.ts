import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, type Db, openDatabase } from '@/db';
import { signInThrottles } from '@/db/schema';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { SIGN_IN_THROTTLE_POLICY as policy } from './sign-in-throttle';
import { releaseSignInAttempt, reserveSignInAttempt } from './sign-in-throttle-store';

// Concurrency needs real connections: PGlite runs one query at a time.
let testDb: TestDatabase;
let db: Db;
/** A second connection pool on the same database: another instance of the app. */
let other: DatabaseHandle;

beforeAll(async () => {
  testDb = await createTestDatabase({ poolSize: 20 });
  db = testDb.db;
  other = await openDatabase({ url: testDb.url, poolSize: 20 });
});
afterAll(async () => {
  await other?.close();
  await testDb?.destroy();
});
beforeEach(async () => {
  await db.delete(signInThrottles);
});

describe('sign-in throttle under concurrent attempts', () => {
  it('lets exactly the free failures plus one through when 40 guesses reach two instances at once', async () => {
    const attempt = { email: 'kim@example.com', clientAddress: '203.0.113.9' };
    const decisions = await Promise.all(
      Array.from({ length: 40 }, (_, i) => reserveSignInAttempt(i % 2 ? db : other.db, attempt)),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(policy.freeFailures + 1);
    const rows = await db.select().from(signInThrottles);
    expect(rows.map((row) => row.failures)).toEqual([policy.freeFailures + 1, policy.freeFailures + 1]);
  });

  it('never lets one address past its cap when it sprays many emails at once', async () => {
    const decisions = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        reserveSignInAttempt(db, { email: `user${i}@example.com`, clientAddress: '198.51.100.7' }),
      ),
    );
    expect(decisions.filter((decision) => decision.allowed)).toHaveLength(policy.addressCap);
  });

  it('counts concurrent successes and failures exactly', async () => {
    const attempt = { email: 'lee@example.com', clientAddress: '192.0.2.5' };
    // Three attempts reserved together; two of them turn out to be the right password.
    await Promise.all([0, 1, 2].map(() => reserveSignInAttempt(db, attempt)));
    await Promise.all([0, 1].map(() => releaseSignInAttempt(db, attempt)));
    const rows = await db.select().from(signInThrottles);
    expect(rows.map((row) => [row.scope, row.failures])).toEqual([['address', 1]]);
  });
});
