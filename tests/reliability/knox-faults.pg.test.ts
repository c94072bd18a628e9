/**
 * Knox faults — latency, time-outs, HTTP 5xx, result:"fail", accept-then-drop and outage, each alone
 * and mixed, during submission and during polling — against the real engine and the real
 * simulator. After every scenario the invariants are checked against the simulator's own records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FaultSettings, type ReliabilityWorld, sized, startReliabilityWorld } from './harness';
import { describeViolations } from './invariants';

const KNOX_TIMEOUT_MS = 1_000;

const FAULTS: Record<string, FaultSettings> = {
  latency: { latencyMs: 150 },
  'latency beyond the client time-out': { latencyMs: KNOX_TIMEOUT_MS + 300 },
  'HTTP 5xx': { errorRate: 0.35 },
  'result "fail"': { failRate: 0.35 },
  'accept-then-drop': { dropRate: 0.4 },
  outage: { outage: true },
  mixed: { latencyMs: 40, errorRate: 0.15, failRate: 0.1, dropRate: 0.2 },
};

let world: ReliabilityWorld;

beforeAll(async () => {
  world = await startReliabilityWorld({ knoxTimeoutMs: KNOX_TIMEOUT_MS });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

async function expectInvariants(settled: boolean) {
  const report = await world.invariants(settled);
  expect(report.violations, describeViolations(report)).toEqual([]);
  return report;
}

async function settleAndCheck() {
  await world.clearFaults();
  const { quiet } = await world.pollUntilQuiet();
  expect(quiet, 'the poller kept finding work after the faults cleared').toBe(true);
  return expectInvariants(true);
}

describe.each(Object.entries(FAULTS))('Knox fault: %s', (_name, faults) => {
  it('during submission: nothing lost, nothing doubled, nothing stuck', { timeout: 240_000 }, async () => {
    const count = sized(10);
    const before = await world.sql<{ count: number }[]>`select count(*)::int as count from pending_actions`;
    await world.setFaults(faults);
    const tally = await world.submit(count, 5);
    await world.clearFaults();

    // Every call ended in a result or a definite refusal, and wrote exactly one action row.
    expect(tally.otherErrors).toEqual([]);
    expect(tally.submitted + tally.refused).toBe(count);
    const after = await world.sql<{ count: number }[]>`select count(*)::int as count from pending_actions`;
    expect(after[0]!.count - before[0]!.count).toBe(count);
    await expectInvariants(false);

    await world.decide({ approve: 0.5, reject: 0.25 });
    const report = await settleAndCheck();
    if (faults.outage) expect(tally.submitted + tally.refused).toBe(count);
    expect(report.actions).toBeGreaterThan(0);
  });

  it('during polling: decisions are applied once, whatever Knox does meanwhile', {
    timeout: 240_000,
  }, async () => {
    const count = sized(10);
    const tally = await world.submit(count, 5);
    expect(tally).toEqual({ submitted: count, refused: 0, otherErrors: [] });
    const decided = await world.decide({ approve: 0.5, reject: 0.25 });
    expect(decided.approved).toBeGreaterThan(0);

    await world.setFaults(faults);
    const { checkPendingApprovals } = await import('@/lib/approval');
    for (let cycle = 0; cycle < 3; cycle += 1) await checkPendingApprovals();
    await expectInvariants(false);

    await settleAndCheck();
  });
});

it('the invariant check itself catches a lost execution and a doubled one', { timeout: 60_000 }, async () => {
  // Guard against a vacuous suite: break the records on purpose and expect the checker to say so.
  const tally = await world.submit(2, 2);
  expect(tally.submitted).toBe(2);
  await world.decide({ approve: 1, reject: 0 });
  await world.pollUntilQuiet();
  const [one, two] = await world.sql<{ ap_inf_id: string }[]>`
    select ap_inf_id from reliability_side_effects order by created_at desc limit 2`;
  await world.sql`update reliability_side_effects set runs = 2 where ap_inf_id = ${one!.ap_inf_id}`;
  await world.sql`delete from reliability_side_effects where ap_inf_id = ${two!.ap_inf_id}`;
  const report = await world.invariants(true);
  expect(report.violations.map((violation) => violation.apInfId).sort()).toEqual(
    [one!.ap_inf_id, two!.ap_inf_id].sort(),
  );
  // Put them back so that the file's other checks stay meaningful.
  await world.sql`update reliability_side_effects set runs = 1 where ap_inf_id = ${one!.ap_inf_id}`;
  await world.sql`insert into reliability_side_effects (ap_inf_id) values (${two!.ap_inf_id})`;
  await expectInvariants(true);
});
