import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { resetEnvCache } from '@/lib/env';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { waitFor } from '@/tests/setup/wait-for';
import { executeApprovedAction, registerActionHandler } from '..';
import { type LockWaiter, rowLockWaiters } from '../testing/row-locks';

let database: TestDatabase;

const rows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

/** Handler runs so far: a second one means the row was not held. Every run waits for release(). */
let handlerRuns = 0;
let release!: () => void;
const released = new Promise<void>((resolve) => {
  release = resolve;
});
let started: Promise<void>;
let markStarted: () => void;

beforeAll(async () => {
  process.env.APPROVAL_WORKFLOW_ENABLED = 'true';
  resetEnvCache();
  database = await createTestDatabase({ poolSize: 5 });
  setDatabase(database);
  await database.db.execute(
    sql`create table exec_side_effects (id bigserial primary key, ap_inf_id text not null)`,
  );
  registerActionHandler('pg_slow_handler', async (_payload, ctx) => {
    handlerRuns += 1;
    await ctx.tx.execute(sql`insert into exec_side_effects (ap_inf_id) values (${ctx.apInfId})`);
    markStarted();
    await released;
    return { ok: true };
  });
  await database.db.execute(sql`
    insert into approval_logs (ap_inf_id, status, title, content, requester_ep_id)
    values ('EXEC00000001', 2, '실행 시험', '<p>-</p>', 'E1001')`);
  await database.db.execute(sql`
    insert into pending_actions (ap_inf_id, action_type, action_payload, status)
    values ('EXEC00000001', 'pg_slow_handler', '{}'::jsonb, 'pending')`);
});

afterAll(async () => {
  await database?.destroy();
});

describe('claim and run in one transaction (PostgreSQL)', () => {
  it('a running handler holds its row: a second executor skips it, nothing of the run is visible until it commits', async () => {
    started = new Promise<void>((resolve) => {
      markStarted = resolve;
    });
    const first = executeApprovedAction('EXEC00000001');
    await started;

    // While the handler runs, another executor finds nothing to claim and runs nothing, and it
    // says so at once: it never queues behind the running handler's row lock.
    let secondDone = false;
    const second = executeApprovedAction('EXEC00000001').finally(() => {
      secondDone = true;
    });
    const waiters: LockWaiter[] = [];
    try {
      await waitFor(
        async () => {
          waiters.push(...(await rowLockWaiters(database.db)));
          return secondDone || waiters.length > 0 || handlerRuns > 1;
        },
        { timeoutMs: 10_000, intervalMs: 5, what: 'the second executor returning' },
      );
      expect(waiters, 'the second executor waited for the running handler’s row lock').toEqual([]);
      expect(handlerRuns, 'the second executor ran the handler of a row being executed').toBe(1);
    } catch (error) {
      // Let the first run finish so the waiting executor (and the test) can end.
      release();
      await Promise.allSettled([first, second]);
      throw error;
    }
    expect(await second).toMatchObject({ executedNow: false, status: 'pending' });
    const during = rows<{ effects: string; events: string }>(
      await database.db.execute(sql`
        select (select count(*) from exec_side_effects) as effects,
               (select count(*) from approval_events where ap_inf_id = 'EXEC00000001') as events`),
    )[0]!;
    expect(Number(during.effects)).toBe(0);
    expect(Number(during.events)).toBe(0);

    release();
    expect(await first).toMatchObject({ executedNow: true, status: 'executed', result: { ok: true } });
    const [row] = rows<{ status: string; attempts: number; claim_expires_at: Date | null }>(
      await database.db.execute(
        sql`select status, attempts, claim_expires_at from pending_actions where ap_inf_id = 'EXEC00000001'`,
      ),
    );
    expect(row).toMatchObject({ status: 'executed', attempts: 1, claim_expires_at: null });
    const events = rows<{ event_type: string; from_status: string; to_status: string }>(
      await database.db.execute(sql`
        select event_type, from_status, to_status from approval_events
         where ap_inf_id = 'EXEC00000001' order by id`),
    );
    expect(events).toEqual([
      { event_type: 'execution_claimed', from_status: 'pending', to_status: 'executing' },
      { event_type: 'executed', from_status: 'executing', to_status: 'executed' },
    ]);
    const effects = rows<{ n: string }>(
      await database.db.execute(sql`select count(*) as n from exec_side_effects`),
    )[0]!;
    expect(Number(effects.n)).toBe(1);

    // Executed once: asking again runs nothing.
    expect(await executeApprovedAction('EXEC00000001')).toMatchObject({
      executedNow: false,
      status: 'executed',
    });
  });
});
