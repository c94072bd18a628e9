/**
 * PGlite killed mid-write: the app's process (the engine on an embedded database in a data
 * directory, as `npm start` runs without DATABASE_URL) is killed with SIGKILL while it submits,
 * approves and executes, then the data directory is opened again, as the next `npm start` would.
 * It must open, and every approval in it must be whole: its action row with a complete event
 * history, its Knox document with its action, no handler run without an approval.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type postgres from 'postgres';
import { afterAll, expect, it } from 'vitest';
import { startWorkerChild, type WorkerChild } from '@/bench/lib/child';
import { openDatabase } from '@/db';
import { seededRandom } from '@/tests/setup/seeded-random';
import { sized } from './harness';
import { checkInvariants, describeViolations } from './invariants';

const WRITER = path.resolve(import.meta.dirname, 'workers/pglite-writer.ts');
const dataDir = mkdtempSync(path.join(tmpdir(), 'pglite-crash-'));
const random = seededRandom('pglite-crash');
const children: WorkerChild[] = [];

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => child.exited));
  rmSync(dataDir, { recursive: true, force: true });
});

/** The invariant checks speak postgres.js's `sql.unsafe`; PGlite answers the same SQL. */
function asSql(query: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>) {
  return {
    unsafe: async (text: string, params: unknown[] = []) => (await query(text, params)).rows,
  } as unknown as postgres.Sql;
}

const rounds = sized(3);

it('killed with SIGKILL in the middle of writes, the data directory opens again with every approval whole', {
  timeout: 60_000 + rounds * 30_000,
}, async () => {
  let documents = 0;
  for (let round = 0; round < rounds; round += 1) {
    const child = startWorkerChild(WRITER, { LOG_LEVEL: 'fatal', KNOX_TIMEOUT_MS: '2000' });
    children.push(child);
    child.send({ type: 'start', dataDir });
    await child.next('ready', 120_000);
    const target = random.between(3, 9);
    for (let written = 0; written < target; ) written = Number((await child.next('written', 60_000)).written);
    child.kill('SIGKILL');
    expect((await child.exited).signal).toBe('SIGKILL');

    // What the next start does: open the directory and migrate.
    const handle = await openDatabase({ dataDir });
    try {
      await handle.migrate();
      const client = (
        handle.db as unknown as {
          $client: { query: (t: string, p: unknown[]) => Promise<{ rows: unknown[] }> };
        }
      ).$client;
      const sql = asSql((text, params) => client.query(text, params));
      const report = await checkInvariants(sql, { actionTypes: ['reliability_probe'] });
      // An action is committed `pending` before its submit goes to Knox: killed in between, it has
      // no document yet, which the poller settles after the submit grace period (crashes.pg.test.ts).
      // Only the submits under way when the process died (3 at a time) may be in that state.
      const unsubmitted = new Set(
        (
          (await sql.unsafe(`
            select a.ap_inf_id from pending_actions a left join approval_logs l using (ap_inf_id)
             where a.status = 'pending' and l.submitted_at is null`)) as unknown as { ap_inf_id: string }[]
        ).map((row) => row.ap_inf_id),
      );
      expect(unsubmitted.size).toBeLessThanOrEqual(3);
      const violations = report.violations.filter(
        (violation) =>
          !(violation.invariant === 'action-without-knox-document' && unsubmitted.has(violation.apInfId)),
      );
      expect(violations, describeViolations({ ...report, violations })).toEqual([]);
      expect(report.actions).toBeGreaterThan(documents);
      documents = report.actions;
    } finally {
      await handle.close();
    }
  }
});
