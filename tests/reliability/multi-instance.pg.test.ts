/**
 * Three engine processes polling, executing and submitting against one PostgreSQL at the same
 * time, while the approver decides documents in waves. Every change is a compare-and-set, so every
 * approved document's handler must still run exactly once, and nothing may be left half-done.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startWorkerChild, type WorkerChild } from '@/bench/lib/child';
import { waitFor } from '@/tests/setup/wait-for';
import { ENGINE_WORKER, PROBE_ACTION, type ReliabilityWorld, sized, startReliabilityWorld } from './harness';
import { describeViolations } from './invariants';

let world: ReliabilityWorld;
const children: WorkerChild[] = [];

beforeAll(async () => {
  world = await startReliabilityWorld({ knoxTimeoutMs: 2_000 });
}, 120_000);

afterAll(async () => {
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(children.map((child) => child.exited));
  await world?.close();
});

it('three processes polling and executing against one PostgreSQL', { timeout: 300_000 }, async () => {
  const tally = await world.submit(sized(30), 10);
  expect(tally.otherErrors).toEqual([]);

  for (let index = 0; index < 3; index += 1) {
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
      knoxTimeoutMs: 2_000,
    });
  }
  await Promise.all(children.map((child) => child.next('ready', 60_000)));

  // Each instance polls in a loop and submits new documents at the same time.
  const cycles = sized(8);
  for (const child of children) {
    child.send({ type: 'poll', cycles, pauseMs: 50 });
    child.send({
      type: 'submit',
      count: sized(10),
      concurrency: 4,
      requester: world.requester,
      approverEpId: world.approverEpId,
    });
  }
  let pollsDone = 0;
  const polling = children.map((child) => child.next('polled', 240_000));
  for (const report of polling) void report.then(() => (pollsDone += 1)).catch(() => {});
  const decided = () =>
    world.sql<{ n: number }[]>`
      select count(*)::int as n from pending_actions where status not in ('pending', 'submit_unknown')`;
  // The approver decides while they run: each wave once the instances have acted on the last one.
  for (let wave = 0; wave < 4; wave += 1) {
    const [before] = await decided();
    const { approved, rejected } = await world.decide({ approve: 0.4, reject: 0.15 });
    if (approved + rejected === 0) continue;
    await waitFor(async () => pollsDone === children.length || (await decided())[0]!.n > before!.n, {
      timeoutMs: 120_000,
      what: `wave ${wave}: an instance acting on one of its ${approved + rejected} decisions`,
    });
  }
  const polled = await Promise.all(polling);
  const submitted = await Promise.all(children.map((child) => child.next('submitted', 240_000)));
  expect(polled.flatMap((report) => report.errors as string[])).toEqual([]);
  expect(submitted.map((report) => report.errorCount)).toEqual([0, 0, 0]);

  // Decide what is left, let the three finish it, then check.
  await world.decide({ approve: 0.7, reject: 0.3 });
  for (const child of children) child.send({ type: 'poll', cycles: 3, pauseMs: 20 });
  await Promise.all(children.map((child) => child.next('polled', 240_000)));
  for (const child of children) child.send({ type: 'exit' });
  await Promise.all(children.map((child) => child.exited));

  expect((await world.pollUntilQuiet()).quiet).toBe(true);
  const report = await world.invariants(true);
  expect(report.violations, describeViolations(report)).toEqual([]);
  const [effects] = await world.sql<{ rows: number; workers: number }[]>`
    select count(*)::int as rows, count(distinct worker)::int as workers from reliability_side_effects`;
  expect(effects!.rows).toBeGreaterThan(0);
  console.info(
    `[multi-instance] ${report.actions} actions ${JSON.stringify(report.byActionStatus)}; handlers ran in ${effects!.workers} processes`,
  );
});
