import { afterAll, beforeAll, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { submitSourceDocument } from '../throughput';
import { SIDE_EFFECTS_DDL } from './baselines';
import { cloneDocument, cloneVendor, decideInSimulator } from './documents';
import { registerHarnessHandler } from './handler';
import { createWorld, type World } from './world';

/**
 * The benchmarks set up thousands of documents by copying one that the real engine submitted to
 * the real simulator. The copies must be indistinguishable from real submissions to the engine.
 */
let database: TestDatabase;
let world: World;

beforeAll(async () => {
  database = await createTestDatabase();
  world = await createWorld('documents_test', { database: { url: database.url!, handle: database } });
  await world.sql.unsafe(SIDE_EFFECTS_DDL);
  await registerHarnessHandler('bench_trivial', 'bench');
}, 120_000);

afterAll(async () => {
  await world?.close();
  await database?.destroy();
});

it('copies every row of a submitted document, and the engine executes each copy exactly once when approved', async () => {
  const source = await submitSourceDocument(world);
  const ids = await cloneDocument(world.sql, source, 25, 'T');
  expect(new Set(ids).size).toBe(25);
  expect(ids.every((id) => id.length <= 32 && id !== source)).toBe(true);

  const counts = await world.sql<{ table: string; count: number }[]>`
    select 'pending_actions' as table, count(*)::int from pending_actions where ap_inf_id = any(${ids})
    union all select 'approval_logs', count(*)::int from approval_logs where ap_inf_id = any(${ids})
    union all select 'knox_sim_documents', count(*)::int from knox_sim_documents where ap_inf_id = any(${ids})
    union all select 'knox_sim_lines', count(*)::int / 2 from knox_sim_lines where ap_inf_id = any(${ids})
    union all select 'approval_events (own action)', count(*)::int from approval_events e
      join pending_actions a on a.id = e.pending_action_id and a.ap_inf_id = e.ap_inf_id where e.ap_inf_id = any(${ids})
        and e.event_type = 'created'`;
  expect(Object.fromEntries(counts.map((row) => [row.table, row.count]))).toEqual({
    pending_actions: 25,
    approval_logs: 25,
    knox_sim_documents: 25,
    knox_sim_lines: 25,
    'approval_events (own action)': 25,
  });

  await decideInSimulator(world.sql, ids.slice(0, 20), 2);
  await decideInSimulator(world.sql, ids.slice(20), 3);
  const { checkPendingApprovals } = await import('@/lib/approval');
  const summary = await checkPendingApprovals();
  expect(summary).toMatchObject({ executed: 20, rejected: 5, failed: 0 });
  const [effects] = await world.sql<{ count: number }[]>`
    select count(*)::int from bench_side_effects where key = any(${ids})`;
  expect(effects!.count).toBe(20);
});

it('copies a vendor under new unique keys, ready for its own request', async () => {
  const [source] = await world.sql<
    { id: number }[]
  >`select id from vendors where status = 'pq_approved' limit 1`;
  const copies = await cloneVendor(world.sql, source!.id, 5);
  const rows = await world.sql<{ status: string; vendor_code: string | null }[]>`
    select status, vendor_code from vendors where id = any(${copies})`;
  expect(rows).toHaveLength(5);
  expect(rows.every((row) => row.status === 'pq_approved' && row.vendor_code === null)).toBe(true);
});
