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

describe('authenticateApiToken', () => {
  it('records the use, but an agent polling every few seconds writes it at most once a minute', async () => {
    const token = 'demo-kim.employee';
    expect((await authenticateApiToken(database.db, token))?.email).toBe('kim.employee@example.com');
    const first = await lastUsed(token);
    expect(first).not.toBeNull();

    const recent = new Date(Date.now() - LAST_USED_PRECISION_MS / 2);
    await database.db
      .update(apiTokens)
      .set({ lastUsedAt: recent })
      .where(eq(apiTokens.tokenHash, hashApiToken(token)));
    await authenticateApiToken(database.db, token);
    expect((await lastUsed(token))?.getTime()).toBe(recent.getTime());

    const stale = new Date(Date.now() - LAST_USED_PRECISION_MS - 1000);
    await database.db
      .update(apiTokens)
      .set({ lastUsedAt: stale })
      .where(eq(apiTokens.tokenHash, hashApiToken(token)));
    await authenticateApiToken(database.db, token);
    expect((await lastUsed(token))!.getTime()).toBeGreaterThan(stale.getTime() + LAST_USED_PRECISION_MS);
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
