/**
 * A handler that fails with a DATABASE error (not a thrown JS error) must fail alone, like any
 * other throw. postgres.js remembers the first failed statement of a transaction scope and fails
 * the whole scope with it at the end, even when a raw `rollback to savepoint` undid it — so a
 * savepoint issued as plain SQL on the batch's own handle contains nothing: the batch rolled back,
 * came back next cycle, and rolled back again, for ever.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { executeApprovedActions, registerActionHandler } from '@/lib/approval';
import { resetEnvCache } from '@/lib/env';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';

let database: TestDatabase;

const rows = <T>(result: unknown): T[] =>
  Array.isArray(result) ? (result as T[]) : ((result as { rows: T[] }).rows ?? []);

const IDS = ['DBERR0000001', 'DBERR0000002', 'DBERR0000003', 'DBERR0000004'];
const BAD = new Set(['DBERR0000002', 'DBERR0000004']);

beforeAll(async () => {
  process.env.APPROVAL_WORKFLOW_ENABLED = 'true';
  resetEnvCache();
  database = await createTestDatabase({ poolSize: 3 });
  setDatabase(database);
  await database.db.execute(
    sql`create table dberr_side_effects (ap_inf_id text primary key, note text not null check (note <> 'bad'))`,
  );
  registerActionHandler('pg_database_error_handler', async (_payload, ctx) => {
    await ctx.tx.execute(
      sql`insert into dberr_side_effects (ap_inf_id, note) values (${ctx.apInfId}, 'first')`,
    );
    // A check-constraint violation, raised by PostgreSQL on the handler's own transaction handle.
    if (BAD.has(ctx.apInfId)) {
      await ctx.tx.execute(sql`update dberr_side_effects set note = 'bad' where ap_inf_id = ${ctx.apInfId}`);
    }
    return { ok: true };
  });
  for (const id of IDS) {
    await database.db.execute(sql`
      insert into approval_logs (ap_inf_id, status, title, content, requester_ep_id)
      values (${id}, 2, 'DB 오류 시험', '<p>-</p>', 'E1001')`);
    await database.db.execute(sql`
      insert into pending_actions (ap_inf_id, action_type, action_payload, status)
      values (${id}, 'pg_database_error_handler', '{}'::jsonb, 'pending')`);
  }
});

afterAll(async () => {
  await database?.destroy();
});

describe('a handler failing with a database error (PostgreSQL)', () => {
  it('fails alone in its batch: the others execute once, its own writes are undone', async () => {
    const outcomes = await executeApprovedActions(IDS, undefined, { batchSize: IDS.length });
    expect(Object.fromEntries(outcomes.map((outcome) => [outcome.apInfId, outcome.status]))).toEqual({
      DBERR0000001: 'executed',
      DBERR0000002: 'failed',
      DBERR0000003: 'executed',
      DBERR0000004: 'failed',
    });
    const written = rows<{ ap_inf_id: string }>(
      await database.db.execute(sql`select ap_inf_id from dberr_side_effects order by ap_inf_id`),
    ).map((row) => row.ap_inf_id);
    expect(written).toEqual(['DBERR0000001', 'DBERR0000003']);
    const [failed] = rows<{ error_message: string | null }>(
      await database.db.execute(
        sql`select error_message from pending_actions where ap_inf_id = 'DBERR0000002'`,
      ),
    );
    expect(failed!.error_message).toMatch(/check constraint/);
  });
});
