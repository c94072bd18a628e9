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

it('killed with SIGKILL in the middle of writes, the data directory opens again with every approval whole', {
  timeout: 300_000,
}, async () => {
  const rounds = sized(3);
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
      const report = await checkInvariants(
        asSql((text, params) => client.query(text, params)),
        {
          actionTypes: ['reliability_probe'],
        },
      );
      expect(report.violations, describeViolations(report)).toEqual([]);
      expect(report.actions).toBeGreaterThan(documents);
      documents = report.actions;
    } finally {
      await handle.close();
    }
  }
});
