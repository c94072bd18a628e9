/**
 * The poller's lease after its holder dies (issue 16): the lease is short and renewed by a live
 * holder, so a killed poller frees the poller within POLLER_LEASE_MS, while one that is merely
 * slow keeps it. Waits are for conditions on the lease row, never fixed sleeps.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { setDatabase } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { createLeaseCoordinator, POLLER_LEASE_MS } from './lease';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  setDatabase(database);
});

afterAll(async () => {
  await database?.destroy();
});

async function lease() {
  const [row] = rowsOf<{ holder: string; expires_in_ms: number | null }>(
    await database.db.execute(sql`
      select holder, extract(epoch from lease_expires_at - now()) * 1000 as expires_in_ms
        from scheduler_leases where name = 'approval-poller'`),
  );
  return { holder: row?.holder, expiresInMs: row?.expires_in_ms == null ? null : Number(row.expires_in_ms) };
}

/** Polls `check` until it holds or `withinMs` passed (then fails with `what`). */
async function waitFor(what: string, check: () => Promise<boolean>, withinMs: number) {
  const deadline = Date.now() + withinMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const key = (n: number) => `approval-poller:2026-12-01T00:00:${String(n).padStart(2, '0')}.000Z`;

describe('poller lease', () => {
  it('a run the scheduler elects holds the lease for at most a minute unless renewed', async () => {
    const a = createLeaseCoordinator(async () => database.db, 'instance-a');
    expect(await a.shouldRun(key(1), POLLER_LEASE_MS)).toBe(true);
    const held = await lease();
    expect(held.holder).toBe('instance-a');
    expect(held.expiresInMs).toBeLessThanOrEqual(60_000);
    await a.onComplete(key(1));
    expect((await lease()).expiresInMs).toBeNull();
  });

  it('a live holder renews its lease past its first expiry; a dead one loses it', async () => {
    const ttl = 400;
    let dead = false;
    const a = createLeaseCoordinator(async () => {
      if (dead) throw new Error('connection lost with the process');
      return database.db as Db;
    }, 'instance-a');
    const b = createLeaseCoordinator(async () => database.db, 'instance-b');
    expect(await a.shouldRun(key(10), ttl)).toBe(true);
    const started = Date.now();
    // Past the first expiry, the lease is still ahead of now: it was renewed.
    await waitFor('the first lease period to pass', async () => Date.now() - started > ttl * 2, 5_000);
    expect((await lease()).expiresInMs).toBeGreaterThan(0);
    expect(await b.shouldRun(key(11), ttl)).toBe(false);

    // The holder dies (SIGKILL: no onComplete, no more renewals): another instance takes over.
    dead = true;
    await waitFor('instance-b to be elected', () => b.shouldRun(key(12), ttl), ttl * 5);
    expect((await lease()).holder).toBe('instance-b');
    await b.onComplete(key(12));
    // The dead holder's stale timer must not renew the new holder's lease.
    dead = false;
    await waitFor('a renewal round of instance-a', async () => Date.now() - started > ttl * 6, 10_000);
    expect((await lease()).expiresInMs).toBeNull();
  });
});
