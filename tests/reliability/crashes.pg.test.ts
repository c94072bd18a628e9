/**
 * Crashes: engine processes killed with SIGKILL at random points of submission and of execution,
 * then restarted. A killed process gets no chance to clean up: whatever it left (a committed action
 * whose document never reached Knox, a claim held by a dead worker) must be settled by the engine
 * itself, with every approved document's handler run exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkerChild, type WorkerChild } from '@/bench/lib/child';
import { ENGINE_WORKER, PROBE_ACTION, type ReliabilityWorld, sized, startReliabilityWorld } from './harness';
import { describeViolations } from './invariants';

let world: ReliabilityWorld;
const children: WorkerChild[] = [];

beforeAll(async () => {
  world = await startReliabilityWorld({ knoxTimeoutMs: 1_000 });
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => child.exited));
  await world?.close();
});

async function startEngine(): Promise<WorkerChild> {
  const child = startWorkerChild(ENGINE_WORKER, {
    LOG_LEVEL: 'fatal',
    KNOX_TIMEOUT_MS: String(world.knoxTimeoutMs),
  });
  children.push(child);
  child.send({
    type: 'init',
    url: world.url,
    knoxUrl: world.sim.url,
    poolSize: 5,
    actionType: PROBE_ACTION,
    mode: 'reliability',
    knoxTimeoutMs: 1_000,
  });
  await child.next('ready', 60_000);
  return child;
}

const randomBetween = (low: number, high: number) => low + Math.floor(Math.random() * (high - low));

async function killAfter(child: WorkerChild, ms: number) {
  await new Promise((resolve) => setTimeout(resolve, ms));
  child.kill('SIGKILL');
  const exit = await child.exited;
  return exit.signal;
}

/**
 * A claim held by a killed worker lasts CLAIM_SECONDS (minutes) before another takes it over. The
 * test moves those expiry times to now instead of waiting: the same state the clock would reach.
 */
async function letDeadClaimsExpire() {
  await world.sql`update pending_actions set claim_expires_at = now() - interval '1 second' where status = 'executing'`;
}

async function expectSettledInvariants() {
  const { quiet } = await world.pollUntilQuiet();
  expect(quiet, 'the poller kept finding work after the restart').toBe(true);
  const report = await world.invariants(true);
  expect(report.violations, describeViolations(report)).toEqual([]);
  return report;
}

it('SIGKILL at random points of submission, then a restart', { timeout: 240_000 }, async () => {
  const rounds = sized(3);
  const kills: Array<{ afterMs: number; signal: string | null }> = [];
  for (let round = 0; round < rounds; round += 1) {
    const child = await startEngine();
    child.send({
      type: 'submit',
      count: sized(30),
      concurrency: 10,
      requester: world.requester,
      approverEpId: world.approverEpId,
    });
    const afterMs = randomBetween(20, 600);
    kills.push({ afterMs, signal: await killAfter(child, afterMs) });
  }
  expect(kills.every((kill) => kill.signal === 'SIGKILL')).toBe(true);
  const [left] = await world.sql<{ actions: number; inKnox: number }[]>`
    select count(*)::int as actions,
           count(*) filter (where exists (select 1 from knox_sim_documents d where d.ap_inf_id = a.ap_inf_id))::int as "inKnox"
    from pending_actions a`;
  console.info(
    `[crashes] after ${rounds} kills during submission: ${left!.actions} action rows, ${left!.inKnox} of them in Knox`,
  );

  // The restarted instance submits normally.
  const survivor = await startEngine();
  survivor.send({
    type: 'submit',
    count: sized(5),
    concurrency: 5,
    requester: world.requester,
    approverEpId: world.approverEpId,
  });
  const done = await survivor.next('submitted', 120_000);
  expect(done.errorCount).toBe(0);
  survivor.send({ type: 'exit' });
  await survivor.exited;

  await world.decide({ approve: 0.5, reject: 0.25 });
  const report = await expectSettledInvariants();
  expect(report.actions).toBeGreaterThan(sized(5) - 1);
});

it('SIGKILL at random points of execution, then a restart', { timeout: 240_000 }, async () => {
  const tally = await world.submit(sized(40), 10);
  expect(tally.otherErrors).toEqual([]);
  await world.decide({ approve: 0.8, reject: 0.1 });

  const rounds = sized(3);
  for (let round = 0; round < rounds; round += 1) {
    const child = await startEngine();
    child.send({ type: 'poll', cycles: 1000 });
    expect(await killAfter(child, randomBetween(30, 500))).toBe('SIGKILL');
  }
  const [left] = await world.sql<{ executing: number; executed: number }[]>`
    select count(*) filter (where status = 'executing')::int as executing,
           count(*) filter (where status = 'executed')::int as executed from pending_actions`;
  console.info(
    `[crashes] after ${rounds} kills during execution: ${left!.executing} claims held by dead workers, ${left!.executed} executed`,
  );
  await letDeadClaimsExpire();

  const restarted = await startEngine();
  restarted.send({ type: 'poll', cycles: 3 });
  const polled = await restarted.next('polled', 120_000);
  expect(polled.errors).toEqual([]);
  restarted.send({ type: 'exit' });
  await restarted.exited;

  const report = await expectSettledInvariants();
  const [effects] = await world.sql<{ rows: number; doubled: number }[]>`
    select count(*)::int as rows, count(*) filter (where runs > 1)::int as doubled from reliability_side_effects`;
  expect(effects!.doubled).toBe(0);
  expect(effects!.rows).toBeGreaterThan(0);
  expect(report.byActionStatus.executing ?? 0).toBe(0);
});
