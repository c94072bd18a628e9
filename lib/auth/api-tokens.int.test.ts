import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokens } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { authenticateApiToken, hashApiToken, LAST_USED_PRECISION_MS } from './api-tokens';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await seedDatabase(database.db, { demo: true });
});

afterAll(async () => {
  await database?.destroy();
});

const lastUsed = async (token: string) => {
  const [row] = await database.db
    .select({ lastUsedAt: apiTokens.lastUsedAt })
    .from(apiTokens)
    .where(eq(apiTokens.tokenHash, hashApiToken(token)));
  return row!.lastUsedAt;
};

const setLastUsed = (token: string, at: Date | null) =>
  database.db
    .update(apiTokens)
    .set({ lastUsedAt: at })
    .where(eq(apiTokens.tokenHash, hashApiToken(token)));

describe('authenticateApiToken', () => {
  it('records the use, but not again while the recorded one is less than a minute old', async () => {
    expect((await authenticateApiToken(database.db, 'demo-kim.employee'))?.email).toBe(
      'kim.employee@example.com',
    );
    expect(await lastUsed('demo-kim.employee')).not.toBeNull();

    const recent = new Date(Date.now() - LAST_USED_PRECISION_MS / 2);
    await setLastUsed('demo-choi.teamlead', recent);
    await authenticateApiToken(database.db, 'demo-choi.teamlead');
    expect((await lastUsed('demo-choi.teamlead'))?.getTime()).toBe(recent.getTime());

    const stale = new Date(Date.now() - LAST_USED_PRECISION_MS - 1000);
    await setLastUsed('demo-admin', stale);
    await authenticateApiToken(database.db, 'demo-admin');
    expect((await lastUsed('demo-admin'))!.getTime()).toBeGreaterThan(
      stale.getTime() + LAST_USED_PRECISION_MS,
    );
  });

  it('writes it once for a burst of requests that all read the old value', async () => {
    await setLastUsed('demo-jung.director', null);
    let updates = 0;
    const counting = new Proxy(database.db, {
      get(target, property, receiver) {
        if (property === 'update') updates += 1;
        return Reflect.get(target, property, receiver);
      },
    });
    const users = await Promise.all(
      Array.from({ length: 20 }, () => authenticateApiToken(counting, 'demo-jung.director')),
    );
    expect(users.every((user) => user?.email === 'jung.director@example.com')).toBe(true);
    expect(updates).toBe(1);
  });

  it('knows no revoked or unknown token', async () => {
    expect(await authenticateApiToken(database.db, 'demo-nobody')).toBeNull();
    await database.db
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(eq(apiTokens.tokenHash, hashApiToken('demo-lee.employee')));
    expect(await authenticateApiToken(database.db, 'demo-lee.employee')).toBeNull();
  });
});
