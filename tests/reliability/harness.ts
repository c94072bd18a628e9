/**
 * The reliability suite's world: a fresh PostgreSQL database (createTestDatabase), seeded, installed
 * as the process-wide one; the real Knox simulator on a loopback port on that same database; the
 * real Knox client pointed at it; the real engine with one harness handler whose only effect is a
 * row in reliability_side_effects. Nothing is mocked.
 */
import path from 'node:path';
import pLimit from 'p-limit';
import postgres from 'postgres';
import { HARNESS_TEMPLATE, harnessVariables } from '@/bench/lib/document-input';
import { registerHarnessHandler } from '@/bench/lib/handler';
import { knoxClientFor } from '@/bench/lib/knox-client';
import { setDatabase } from '@/db';
import { seedDatabase } from '@/db/seed';
import { resetEnvCache, SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { type KnoxSimulatorServer, startKnoxSimulatorServer } from '@/lib/knox-simulator/server';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { checkInvariants, type InvariantReport, SIDE_EFFECT_DDL } from './invariants';

export const PROBE_ACTION = 'reliability_probe';
export const ENGINE_WORKER = path.resolve(import.meta.dirname, '../../bench/workers/engine-worker.ts');

/** RELIABILITY_SCALE multiplies every scenario's size: 1 in CI, 10 with `npm run reliability`. */
export function reliabilityScale(): number {
  const value = Number(process.env.RELIABILITY_SCALE ?? 1);
  return Number.isFinite(value) && value > 0 ? value : 1;
}
export const sized = (base: number) => Math.max(1, Math.round(base * reliabilityScale()));

export interface FaultSettings {
  latencyMs?: number;
  errorRate?: number;
  failRate?: number;
  dropRate?: number;
  outage?: boolean;
}

export interface ReliabilityWorld {
  database: TestDatabase;
  url: string;
  sql: postgres.Sql;
  sim: KnoxSimulatorServer;
  requester: { id: string; epId: string; email: string; name?: string };
  approverEpId: string;
  setFaults(settings: FaultSettings): Promise<void>;
  clearFaults(): Promise<void>;
  /** withApproval() × count, `concurrency` at a time; returns what each call ended in. */
  submit(count: number, concurrency?: number): Promise<SubmitTally>;
  /** Decides documents Knox holds open: approve, reject or leave open, in the given shares. */
  decide(shares: { approve: number; reject: number }): Promise<{ approved: number; rejected: number }>;
  /**
   * Runs poller cycles until one changes nothing and nothing is in flight (waiting out the engine's
   * submit grace period); `quiet: false` when that never happened.
   */
  pollUntilQuiet(maxCycles?: number): Promise<{ quiet: boolean; cycles: number }>;
  invariants(settled: boolean): Promise<InvariantReport>;
  /** The Knox client time-out, also given to the engine (and its child processes) as KNOX_TIMEOUT_MS. */
  knoxTimeoutMs: number;
  close(): Promise<void>;
}

export interface SubmitTally {
  submitted: number;
  refused: number;
  /** Errors other than a definite refusal (should be none: an unknown outcome still returns). */
  otherErrors: string[];
}

export async function startReliabilityWorld(
  options: { knoxTimeoutMs?: number; serverUrl?: string } = {},
): Promise<ReliabilityWorld> {
  const knoxTimeoutMs = options.knoxTimeoutMs ?? 1_500;
  // The engine reads KNOX_TIMEOUT_MS (its submit grace period derives from it); match the client's.
  const previousTimeout = process.env.KNOX_TIMEOUT_MS;
  process.env.KNOX_TIMEOUT_MS = String(knoxTimeoutMs);
  resetEnvCache();
  // serverUrl: a private server the test may restart (tests/setup/private-postgres.ts).
  const database = await createTestDatabase({ poolSize: 10, serverUrl: options.serverUrl });
  if (!database.url) throw new Error('the reliability suite runs on PostgreSQL only');
  setDatabase(database);
  await seedDatabase(database.db, { demo: true });
  const sim = await startKnoxSimulatorServer({ db: database.db, port: 0 });
  setDefaultKnoxClient(knoxClientFor(sim.url, knoxTimeoutMs));
  const sql = postgres(database.url, { max: 3, onnotice: () => {} });
  await sql.unsafe(SIDE_EFFECT_DDL);
  await registerHarnessHandler(PROBE_ACTION, 'reliability');
  const [requester] = await sql<{ id: string; ep_id: string; email: string }[]>`
    select id, ep_id, email from users where email = 'kim.employee@example.com'`;
  const engine = await import('@/lib/approval');
  const { ApprovalSubmitRefusedError } = engine;

  const control = async (method: string, body?: unknown) => {
    const response = await fetch(`${sim.url}/sim/faults`, {
      method,
      headers: {
        'content-type': 'application/json',
        'System-ID': SIMULATOR_SYSTEM_ID,
        Authorization: `Bearer ${SIMULATOR_TOKEN}`,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = (await response.json()) as { result?: string };
    if (json.result !== 'success')
      throw new Error(`simulator refused the fault setting: ${JSON.stringify(json)}`);
  };

  const world: ReliabilityWorld = {
    database,
    url: database.url,
    sql,
    sim,
    requester: { id: requester!.id, epId: requester!.ep_id, email: requester!.email },
    approverEpId: 'A2001',
    knoxTimeoutMs,
    setFaults: (settings) => control('POST', settings),
    clearFaults: () => control('DELETE'),
    async submit(count, concurrency = 10) {
      const limit = pLimit(concurrency);
      const tally: SubmitTally = { submitted: 0, refused: 0, otherErrors: [] };
      await Promise.all(
        Array.from({ length: count }, (_, index) =>
          limit(async () => {
            try {
              await engine.withApproval(
                PROBE_ACTION,
                { n: index },
                {
                  title: `신뢰성 점검 문서 ${index}`,
                  templateName: HARNESS_TEMPLATE,
                  variables: harnessVariables(index),
                  approvers: [world.approverEpId],
                  currentUser: world.requester,
                },
              );
              tally.submitted += 1;
            } catch (error) {
              if (error instanceof ApprovalSubmitRefusedError) tally.refused += 1;
              else
                tally.otherErrors.push(
                  error instanceof Error ? `${error.name}: ${error.message}` : String(error),
                );
            }
          }),
        ),
      );
      return tally;
    },
    async decide(shares) {
      const open = await sql<{ ap_inf_id: string }[]>`
        select ap_inf_id from knox_sim_documents where status between -2 and 1 order by random()`;
      const approveCount = Math.round(open.length * shares.approve);
      const rejectCount = Math.round(open.length * shares.reject);
      const limit = pLimit(8);
      await Promise.all(
        open.slice(0, approveCount + rejectCount).map((row, index) =>
          limit(async () => {
            const action = index < approveCount ? 'approve' : 'reject';
            const result = await sim.simulator.act({
              apInfId: row.ap_inf_id,
              epId: world.approverEpId,
              action,
              ...(action === 'reject' ? { opinion: '신뢰성 점검 반려' } : {}),
            });
            if (!result.ok) throw new Error(`${action} ${row.ap_inf_id}: ${JSON.stringify(result)}`);
          }),
        ),
      );
      return { approved: approveCount, rejected: rejectCount };
    },
    async pollUntilQuiet(maxCycles = 30) {
      // A submit whose outcome was never learnt (its process died, or Knox dropped the answer) is
      // left alone for the engine's grace period (6 × KNOX_TIMEOUT_MS) and then settled: wait it out.
      const deadline = Date.now() + 6 * knoxTimeoutMs + 30_000;
      let cycles = 0;
      for (;;) {
        cycles += 1;
        const summary = await engine.checkPendingApprovals();
        const changed = summary.updated + summary.executed + summary.rejected + summary.failed;
        const [unsettled] = await sql<{ count: number }[]>`
          select count(*)::int as count from pending_actions a
          left join approval_logs l using (ap_inf_id)
          where a.status in ('submit_unknown', 'executing')
             or (a.status = 'pending' and l.submitted_at is null
                 and not exists (select 1 from knox_sim_documents d where d.ap_inf_id = a.ap_inf_id))`;
        if (changed === 0 && (unsettled?.count ?? 0) === 0) return { quiet: true, cycles };
        if (cycles >= maxCycles && Date.now() > deadline) return { quiet: false, cycles };
        if (changed === 0) await new Promise((resolve) => setTimeout(resolve, 500));
      }
    },
    invariants: (settled) => checkInvariants(sql, { actionTypes: [PROBE_ACTION], settled }),
    async close() {
      setDefaultKnoxClient(null);
      await sim.close().catch(() => {});
      await sql.end({ timeout: 5 });
      await database.destroy();
      if (previousTimeout === undefined) delete process.env.KNOX_TIMEOUT_MS;
      else process.env.KNOX_TIMEOUT_MS = previousTimeout;
      resetEnvCache();
    },
  };
  return world;
}
