import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { resetEnvCache } from '@/lib/env';
import type { ApprovalStatusResult, KnoxApprovalClient } from '@/lib/knox-api/approval';
import { setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import {
  checkPendingApprovals,
  createPollingScheduler,
  executeApprovedAction,
  registerActionHandler,
} from '.';

let database: TestDatabase;
const DOCUMENTS = 1_000;

const rows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

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
    // Most open; every tenth left by a "crashed" worker with an expired claim.
    await database.db.execute(sql`
      insert into pending_actions (ap_inf_id, action_type, action_payload, status, attempts, claim_expires_at)
      select 'PG' || lpad(n::text, 8, '0'), 'pg_exactly_once', '{}'::jsonb,
             case when n % 10 = 0 then 'executing' else 'pending' end,
             case when n % 10 = 0 then 1 else 0 end,
             case when n % 10 = 0 then now() - interval '1 minute' else null end
      from generate_series(1, ${DOCUMENTS}) n`);
    const ids = Array.from({ length: DOCUMENTS }, (_, i) => `PG${String(i + 1).padStart(8, '0')}`);

    const executor = async (offset: number) => {
      // Each executor walks the ids from a different starting point, so they collide all the way.
      for (let i = 0; i < ids.length; i += 1) await executeApprovedAction(ids[(i + offset) % ids.length]!);
    };
    const summaries = await Promise.all([
      checkPendingApprovals(),
      checkPendingApprovals(),
      checkPendingApprovals(),
      checkPendingApprovals(),
      executor(0),
      executor(250),
      executor(500),
      executor(750),
    ]);

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
    const pollerExecutions = summaries
      .slice(0, 4)
      .reduce((sum, summary) => sum + (summary as { executed: number }).executed, 0);
    expect(pollerExecutions).toBeLessThanOrEqual(DOCUMENTS);
  });

  it('two instances’ schedulers: one poll per tick', async () => {
    const runs: Array<{ holder: string; slot: string }> = [];
    let skipped = 0;
    const runAs = (holder: string) => async () => {
      const [lease] = rows<{ current_slot: string; holder: string }>(
        await database.db.execute(
          sql`select current_slot, holder from scheduler_leases where name = 'approval-poller'`,
        ),
      );
      expect(lease!.holder).toBe(holder);
      runs.push({ holder, slot: lease!.current_slot });
      // Long enough that the other instance's tick for the same second is certainly decided meanwhile.
      await new Promise((resolve) => setTimeout(resolve, 150));
    };
    const a = createPollingScheduler({ cron: '* * * * * *', holder: 'instance-a', run: runAs('instance-a') });
    const b = createPollingScheduler({ cron: '* * * * * *', holder: 'instance-b', run: runAs('instance-b') });
    for (const task of [a, b]) {
      task.on('execution:skipped', () => {
        skipped += 1;
      });
    }
    await Promise.all([a.start(), b.start()]);
    await new Promise((resolve) => setTimeout(resolve, 4_200));
    await Promise.all([a.destroy(), b.destroy()]);
    await new Promise((resolve) => setTimeout(resolve, 300));

    const slots = runs.map((run) => run.slot);
    expect(runs.length).toBeGreaterThanOrEqual(2);
    expect(new Set(slots).size).toBe(slots.length);
    // Every tick both instances asked; exactly one of them ran it.
    expect(skipped).toBeGreaterThanOrEqual(runs.length - 1);
  });
});
