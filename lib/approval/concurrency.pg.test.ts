import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { pgArrayLiteral } from '@/db/raw-sql';
import { resetEnvCache } from '@/lib/env';
import type { ApprovalStatusResult, KnoxApprovalClient } from '@/lib/knox-api/approval';
import { setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { waitFor } from '@/tests/setup/wait-for';
import {
  checkPendingApprovals,
  createPollingScheduler,
  executeApprovedAction,
  registerActionHandler,
} from '.';
import { holdRowLock, type LockWaiter, rowLockWaiters } from './testing/row-locks';

let database: TestDatabase;
const DOCUMENTS = 1_000;

const rows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

/**
 * Handler runs by document, counted outside any transaction: what a call to another system would
 * be. A rollback takes back the handler's writes on ctx.tx but never this, so only the row lock
 * keeps it to one per document.
 */
const outsideCalls = new Map<string, number>();
const callsOtherThanOnce = (ids: readonly string[]) =>
  ids
    .map((id) => [id, outsideCalls.get(id) ?? 0] as const)
    .filter(([, calls]) => calls !== 1)
    .map(([id, calls]) => `${id}×${calls}`);

/**
 * Knox as the poller sees it once every document has been approved: this test is about our own
 * claims under concurrency, so Knox's side is a plain in-memory answer (the simulator is covered by
 * the integration tests).
 */
const approvedKnox: KnoxApprovalClient = {
  submitApproval: async (input) => ({ apInfId: input.apInfId }),
  getApprovalStatuses: async (ids): Promise<ApprovalStatusResult[]> =>
    ids.map((apInfId) => ({ apInfId, found: true, status: 2, docChgNum: 2 })),
  getApprovalDetail: async (apInfId) => ({ apInfId, subject: '-', status: 2, docChgNum: 2, aplns: [] }),
  cancelApproval: async () => {},
};

const idsOf = (prefix: string, count: number) =>
  Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(8, '0')}`);

beforeAll(async () => {
  process.env.APPROVAL_WORKFLOW_ENABLED = 'true';
  resetEnvCache();
  database = await createTestDatabase({ poolSize: 20 });
  setDatabase(database);
  setDefaultKnoxClient(approvedKnox);
  await database.db.execute(
    sql`create table pg_side_effects (id bigserial primary key, ap_inf_id text not null)`,
  );
  registerActionHandler('pg_exactly_once', async (_payload, ctx) => {
    outsideCalls.set(ctx.apInfId, (outsideCalls.get(ctx.apInfId) ?? 0) + 1);
    await ctx.tx.execute(sql`insert into pg_side_effects (ap_inf_id) values (${ctx.apInfId})`);
    return { ok: true };
  });
});

afterAll(async () => {
  setDefaultKnoxClient(null);
  await database?.destroy();
});

describe('exactly once under concurrency (PostgreSQL)', () => {
  it('4 concurrent pollers and 4 executors over 1,000 approved documents: every handler ran exactly once', async () => {
    await database.db.execute(sql`
      insert into approval_logs (ap_inf_id, status, title, content, requester_ep_id)
      select 'PG' || lpad(n::text, 8, '0'), 1, '동시성 시험', '<p>-</p>', 'E1001' from generate_series(1, ${DOCUMENTS}) n`);
    // All open (nothing commits an `executing` claim any more: there are no dead claims to take over).
    await database.db.execute(sql`
      insert into pending_actions (ap_inf_id, action_type, action_payload, status, attempts)
      select 'PG' || lpad(n::text, 8, '0'), 'pg_exactly_once', '{}'::jsonb, 'pending', 0
      from generate_series(1, ${DOCUMENTS}) n`);
    const ids = idsOf('PG', DOCUMENTS);

    const executor = async (offset: number) => {
      // Each executor walks the ids from a different starting point, so they collide all the way.
      let executedNow = 0;
      for (let i = 0; i < ids.length; i += 1) {
        if ((await executeApprovedAction(ids[(i + offset) % ids.length]!)).executedNow) executedNow += 1;
      }
      return executedNow;
    };
    const [pollers, executors] = await Promise.all([
      Promise.all([
        checkPendingApprovals(),
        checkPendingApprovals(),
        checkPendingApprovals(),
        checkPendingApprovals(),
      ]),
      Promise.all([executor(0), executor(250), executor(500), executor(750)]),
    ]);

    // The outside effect, which no rollback takes back: once per document, never twice.
    expect(callsOtherThanOnce(ids), 'documents whose handler did not run exactly once').toEqual([]);
    const effects = rows<{ total: string; distinct_ids: string }>(
      await database.db.execute(
        sql`select count(*) as total, count(distinct ap_inf_id) as distinct_ids from pg_side_effects`,
      ),
    )[0]!;
    expect(Number(effects.total)).toBe(DOCUMENTS);
    expect(Number(effects.distinct_ids)).toBe(DOCUMENTS);
    const statuses = rows<{ status: string; n: string }>(
      await database.db.execute(sql`select status, count(*) as n from pending_actions group by status`),
    );
    expect(statuses.map((s) => [s.status, Number(s.n)])).toEqual([['executed', DOCUMENTS]]);
    const executedEvents = rows<{ n: string }>(
      await database.db.execute(sql`select count(*) as n from approval_events where event_type = 'executed'`),
    )[0]!;
    expect(Number(executedEvents.n)).toBe(DOCUMENTS);
    // Every document was reported executed by exactly one caller: none twice, none by nobody.
    const reported =
      pollers.reduce((sum, summary) => sum + summary.executed, 0) + executors.reduce((a, b) => a + b, 0);
    expect(reported).toBe(DOCUMENTS);
  });

  it('a claimer skips a row another transaction holds: everything else executes while the lock is still held', async () => {
    const COUNT = 250;
    await database.db.execute(sql`
      insert into approval_logs (ap_inf_id, status, title, content, requester_ep_id, submitted_at)
      select 'LK' || lpad(n::text, 8, '0'), 1, '잠금 시험', '<p>-</p>', 'E1001', now() from generate_series(1, ${COUNT}) n`);
    await database.db.execute(sql`
      insert into pending_actions (ap_inf_id, action_type, action_payload, status)
      select 'LK' || lpad(n::text, 8, '0'), 'pg_exactly_once', '{}'::jsonb, 'pending' from generate_series(1, ${COUNT}) n`);
    const ids = idsOf('LK', COUNT);
    const [held, ...others] = ids as [string, ...string[]];
    const executedAmong = async (list: readonly string[]) =>
      Number(
        rows<{ n: string }>(
          await database.db.execute(sql`
            select count(*) as n from pending_actions
             where status = 'executed' and ap_inf_id = any(${pgArrayLiteral(list)}::text[])`),
        )[0]!.n,
      );

    // The first document's row is held as a claimer mid-run would hold it; it sits in the
    // poller's first batch, so a claimer that waited for it would hold up that whole batch.
    const lock = await holdRowLock(database.db, 'pending_actions', held);
    const waiters: LockWaiter[] = [];
    let poll: ReturnType<typeof checkPendingApprovals> | undefined;
    try {
      poll = checkPendingApprovals();
      await waitFor(
        async () => {
          waiters.push(...(await rowLockWaiters(database.db)));
          return waiters.length > 0 || (await executedAmong(others)) === others.length;
        },
        { timeoutMs: 20_000, intervalMs: 10, what: `all ${others.length} unlocked documents executed` },
      );
      expect(waiters, 'a claimer waited for the locked row instead of skipping it').toEqual([]);
      expect(await executedAmong(others)).toBe(others.length);
      expect(await executedAmong([held])).toBe(0);
    } finally {
      await lock.release();
    }
    expect((await poll).executed).toBe(others.length);

    // Released, the skipped document is executed by the next cycle, and nothing ran twice.
    expect((await checkPendingApprovals()).executed).toBe(1);
    expect(await executedAmong(ids)).toBe(COUNT);
    expect(callsOtherThanOnce(ids), 'documents whose handler did not run exactly once').toEqual([]);
  });

  it('two instances’ schedulers: one poll per tick', async () => {
    const runs: Array<{ holder: string; slot: string }> = [];
    /** The slots each instance was refused (the other one had won them). */
    const skippedSlots = new Map<string, Set<string>>([
      ['instance-a', new Set()],
      ['instance-b', new Set()],
    ]);
    const other = (holder: string) => (holder === 'instance-a' ? 'instance-b' : 'instance-a');
    let running = 0;
    const runAs = (holder: string) => async () => {
      running += 1;
      try {
        const [lease] = rows<{ current_slot: string; holder: string }>(
          await database.db.execute(
            sql`select current_slot, holder from scheduler_leases where name = 'approval-poller'`,
          ),
        );
        expect(lease!.holder).toBe(holder);
        runs.push({ holder, slot: lease!.current_slot });
        // Run until the other instance's tick for the same slot has been decided (refused), so
        // the two really competed for it.
        await waitFor(() => skippedSlots.get(other(holder))!.has(lease!.current_slot), {
          timeoutMs: 5_000,
          intervalMs: 10,
          what: `${other(holder)} being refused slot ${lease!.current_slot}`,
        });
      } finally {
        running -= 1;
      }
    };
    const a = createPollingScheduler({ cron: '* * * * * *', holder: 'instance-a', run: runAs('instance-a') });
    const b = createPollingScheduler({ cron: '* * * * * *', holder: 'instance-b', run: runAs('instance-b') });
    for (const [holder, task] of [
      ['instance-a', a],
      ['instance-b', b],
    ] as const) {
      task.on('execution:skipped', (context: { date: Date; reason?: string }) => {
        skippedSlots.get(holder)!.add(`approval-poller:${context.date.toISOString()}`);
      });
    }
    const refusedToOther = (run: { holder: string; slot: string }) =>
      skippedSlots.get(other(run.holder))!.has(run.slot);
    await Promise.all([a.start(), b.start()]);
    // The contested ticks: elected runs whose slot the other instance has already been refused.
    // Stop only once three are decided on both sides — stopping at the third run alone would
    // destroy the other instance before its tick for that slot fired, and nothing could refuse it.
    let contested: Array<{ holder: string; slot: string }> = [];
    try {
      await waitFor(
        () => {
          contested = runs.filter(refusedToOther);
          return contested.length >= 3;
        },
        { timeoutMs: 20_000, what: 'three ticks contested by both instances' },
      );
    } finally {
      await Promise.all([a.destroy(), b.destroy()]);
    }
    // Destroyed tasks fire no new ticks; the last elected one still releases its lease (onComplete)
    // and records its next run. Wait for those writes, so none outlives the test's database.
    await waitFor(
      async () => {
        if (running > 0) return false;
        const [state] = rows<{ held: boolean; busy: string }>(
          await database.db.execute(sql`
            select exists (select 1 from scheduler_leases
                            where name = 'approval-poller' and lease_expires_at is not null) as held,
                   (select count(*) from pg_stat_activity
                     where datname = current_database() and state = 'active' and pid <> pg_backend_pid()) as busy`),
        );
        return !state!.held && Number(state!.busy) === 0;
      },
      { timeoutMs: 10_000, what: 'the last elected run finishing and releasing its lease' },
    );

    // No slot ran twice, across every run either instance started (contested or not).
    const slots = runs.map((run) => run.slot);
    expect(new Set(slots).size).toBe(slots.length);
    // Both instances asked for each contested tick, and exactly one of them ran it.
    expect(contested.length).toBeGreaterThanOrEqual(3);
    for (const run of contested) expect(runs.filter((r) => r.slot === run.slot)).toHaveLength(1);
  });
});
