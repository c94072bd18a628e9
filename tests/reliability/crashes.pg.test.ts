/**
 * Crashes: engine processes killed with SIGKILL at random points of submission and of execution
 * (placed by a seeded random number of writes, and checked to have landed mid-operation), then
 * restarted. A killed process gets no chance to clean up: whatever it left (a committed action
 * whose document never reached Knox, a claim held by a dead worker) must be settled by the engine
 * itself, with every approved document's handler run exactly once.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkerChild, type WorkerChild } from '@/bench/lib/child';
import { seededRandom } from '@/tests/setup/seeded-random';
import { waitFor } from '@/tests/setup/wait-for';
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

/** Seeded per file: a failing run prints the seed that places its kills the same way again. */
const random = seededRandom('crashes');

async function kill(child: WorkerChild) {
  child.kill('SIGKILL');
  const exit = await child.exited;
  return exit.signal;
}

const count = async (query: Promise<{ n: number }[]>) => (await query)[0]!.n;

/**
 * Every handler start, counted by a sequence (which no rollback undoes) from a trigger on the
 * handler's table; the trigger also makes each handler take a few milliseconds, so an execution
 * transaction is open long enough for a kill to land inside it.
 */
async function countHandlerStarts() {
  await world.sql.unsafe(`
    create sequence if not exists reliability_handler_starts;
    create or replace function reliability_handler_started() returns trigger language plpgsql as $$
    begin
      perform nextval('reliability_handler_starts');
      perform pg_sleep(0.01);
      return new;
    end $$;
    drop trigger if exists reliability_handler_started on reliability_side_effects;
    create trigger reliability_handler_started before insert on reliability_side_effects
      for each row execute function reliability_handler_started();`);
}
const handlerStarts = () =>
  count(world.sql<{ n: number }[]>`
    select (case when is_called then last_value else 0 end)::int as n from reliability_handler_starts`);

async function expectSettledInvariants() {
  const { quiet } = await world.pollUntilQuiet();
  expect(quiet, 'the poller kept finding work after the restart').toBe(true);
  const report = await world.invariants(true);
  expect(report.violations, describeViolations(report)).toEqual([]);
  return report;
}

/** Each round starts an engine process (a few seconds of tsx start-up): the time-out grows with them. */
const CRASH_TEST_TIMEOUT_MS = 120_000 + sized(3) * 15_000;

it('SIGKILL at random points of submission, then a restart', { timeout: CRASH_TEST_TIMEOUT_MS }, async () => {
  const rounds = sized(3);
  const perRound = sized(30);
  const actions = () => count(world.sql<{ n: number }[]>`select count(*)::int as n from pending_actions`);
  const unconfirmedActions = () =>
    count(
      world.sql<{ n: number }[]>`select count(*)::int as n from approval_logs where submitted_at is null`,
    );
  const kills: Array<{ afterActions: number; created: number; unconfirmed: number }> = [];
  for (let round = 0; round < rounds; round += 1) {
    const child = await startEngine();
    const [before, unconfirmedBefore] = [await actions(), await unconfirmedActions()];
    // Killed once the child has created a random number of actions, at most a third of its work.
    const afterActions = random.between(1, Math.max(2, Math.floor(perRound / 3)));
    child.send({
      type: 'submit',
      count: perRound,
      concurrency: 10,
      requester: world.requester,
      approverEpId: world.approverEpId,
    });
    await waitFor(async () => (await actions()) - before >= afterActions, {
      timeoutMs: 60_000,
      intervalMs: 2,
      what: `round ${round}: ${afterActions} actions created by the child`,
    });
    expect(await kill(child)).toBe('SIGKILL');
    const created = (await actions()) - before;
    const unconfirmed = (await unconfirmedActions()) - unconfirmedBefore;
    kills.push({ afterActions, created, unconfirmed });
    // The kill landed mid-operation: the child had written, and had work left.
    expect(created, `round ${round}: actions written before the kill`).toBeGreaterThanOrEqual(afterActions);
    expect(
      created < perRound || unconfirmed > 0,
      `round ${round}: the child still had documents to create or confirm (${created}/${perRound} created, ${unconfirmed} unconfirmed)`,
    ).toBe(true);
  }
  const [left] = await world.sql<{ actions: number; inKnox: number }[]>`
    select count(*)::int as actions,
           count(*) filter (where exists (select 1 from knox_sim_documents d where d.ap_inf_id = a.ap_inf_id))::int as "inKnox"
    from pending_actions a`;
  console.info(
    `[crashes] seed ${random.seed}: kills during submission ${JSON.stringify(kills)}; ${left!.actions} action rows, ${left!.inKnox} of them in Knox`,
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

it('SIGKILL at random points of execution, then a restart', { timeout: CRASH_TEST_TIMEOUT_MS }, async () => {
  const tally = await world.submit(sized(40), 10);
  expect(tally.otherErrors).toEqual([]);
  await world.decide({ approve: 0.8, reject: 0.1 });
  await countHandlerStarts();
  const executed = () =>
    count(
      world.sql<{ n: number }[]>`select count(*)::int as n from pending_actions where status = 'executed'`,
    );
  const approvedLeft = () =>
    count(world.sql<{ n: number }[]>`
      select count(*)::int as n from pending_actions a join knox_sim_documents d using (ap_inf_id)
       where d.status in (2, 5, 6) and a.status <> 'executed'`);

  const rounds = sized(3);
  const kills: Array<{ afterStarts: number; started: number; committed: number }> = [];
  for (let round = 0; round < rounds; round += 1) {
    const left = await approvedLeft();
    expect(left, `round ${round}: approved documents left to execute`).toBeGreaterThan(1);
    const child = await startEngine();
    const [startsBefore, executedBefore] = [await handlerStarts(), await executed()];
    // Killed once the child's handlers have started a random number of times (fewer than one
    // execution batch holds, so that batch is still open).
    const afterStarts = random.between(1, Math.min(left, 10));
    child.send({ type: 'poll', cycles: 1000 });
    await waitFor(async () => (await handlerStarts()) - startsBefore >= afterStarts, {
      timeoutMs: 60_000,
      intervalMs: 2,
      what: `round ${round}: ${afterStarts} handler starts in the child`,
    });
    expect(await kill(child)).toBe('SIGKILL');
    const started = (await handlerStarts()) - startsBefore;
    const committed = (await executed()) - executedBefore;
    kills.push({ afterStarts, started, committed });
    // The kill landed mid-operation: handlers had run, and some of them in a transaction that
    // never committed; approved documents were left to execute.
    expect(started, `round ${round}: handler starts before the kill`).toBeGreaterThanOrEqual(afterStarts);
    expect(started, `round ${round}: handler runs the kill rolled back`).toBeGreaterThan(committed);
    expect(await approvedLeft(), `round ${round}: approved documents left after the kill`).toBeGreaterThan(0);
  }
  const [left] = await world.sql<{ executing: number; executed: number }[]>`
    select count(*) filter (where status = 'executing')::int as executing,
           count(*) filter (where status = 'executed')::int as executed from pending_actions`;
  console.info(
    `[crashes] seed ${random.seed}: kills during execution ${JSON.stringify(kills)}; ${left!.executed} executed`,
  );
  // The claim lives inside the execution transaction: a kill rolls it back with the handler's writes.
  expect(left!.executing, 'claims left behind by killed workers').toBe(0);

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
