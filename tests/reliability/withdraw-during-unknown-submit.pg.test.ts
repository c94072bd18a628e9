/**
 * Withdraw during a `submit_unknown` fault: submits whose outcome Knox lost are settled (asked,
 * then resubmitted) while their requesters withdraw them, under Knox latency and dropped answers.
 * However the withdraw and the resubmit interleave, nothing may stay open (or be approved) in
 * Knox behind a withdrawn action, nothing may run, and every event must describe a real move. The
 * invariants are checked against the simulator's own records.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createGate, type Gate, hookKnoxClient } from '@/lib/approval/testing/knox-hooks';
import { type ReliabilityWorld, sized, startReliabilityWorld } from './harness';
import { describeViolations } from './invariants';

let world: ReliabilityWorld;

beforeAll(async () => {
  world = await startReliabilityWorld({ knoxTimeoutMs: 1_500 });
}, 120_000);

afterAll(async () => {
  await world?.close();
});

/** Submits `count` documents while every Knox call fails: each ends `submit_unknown`, absent in Knox. */
async function unknownSubmits(count: number): Promise<string[]> {
  const [newest] = await world.sql<{ last: number }[]>`
    select coalesce(max(id), 0)::int as last from pending_actions`;
  const last = newest!.last;
  await world.setFaults({ errorRate: 1 });
  const tally = await world.submit(count, 5);
  await world.clearFaults();
  expect(tally.otherErrors).toEqual([]);
  const rows = await world.sql<{ ap_inf_id: string; status: string }[]>`
    select ap_inf_id, status from pending_actions where id > ${last} order by id`;
  expect(rows.map((row) => row.status)).toEqual(Array(count).fill('submit_unknown'));
  return rows.map((row) => row.ap_inf_id);
}

async function expectSettled() {
  await world.clearFaults();
  const { quiet } = await world.pollUntilQuiet();
  expect(quiet, 'the poller kept finding work after the faults cleared').toBe(true);
  const report = await world.invariants(true);
  expect(report.violations, describeViolations(report)).toEqual([]);
  return report;
}

async function approveWhateverIsOpen(ids: string[]) {
  // An approver acting on anything Knox still shows: a live leftover would be executed or flagged.
  const open = await world.sql<{ ap_inf_id: string }[]>`
    select ap_inf_id from knox_sim_documents where ap_inf_id = any(${ids}) and status between -2 and 1`;
  for (const row of open) {
    await world.sim.simulator.act({ apInfId: row.ap_inf_id, epId: world.approverEpId, action: 'approve' });
  }
  return open.length;
}

it('every withdraw answered APE020 while its resubmit was in flight, under latency', {
  timeout: 240_000,
}, async () => {
  const ids = await unknownSubmits(sized(8));
  const engine = await import('@/lib/approval');
  const knox = hookKnoxClient();
  try {
    // Each resubmit is held until its own withdraw has had Knox's answer (APE020: not landed yet).
    const cancelled = new Map<string, Gate>(ids.map((id) => [id, createGate()]));
    const withdrawals: Array<Promise<unknown>> = [];
    knox.hooks.beforeSubmit = async (input) => {
      const gate = cancelled.get(input.apInfId);
      if (!gate) return;
      withdrawals.push(engine.withdrawApproval(input.apInfId, '요청자 철회', { id: world.requester.id }));
      await gate.reached;
    };
    knox.hooks.afterCancel = async (apInfId) => {
      void cancelled.get(apInfId)?.pass();
    };
    await world.setFaults({ latencyMs: 300 });
    await engine.checkPendingApprovals();
    const settled = await Promise.allSettled(withdrawals);
    expect(withdrawals).toHaveLength(ids.length);
    expect(settled.filter((result) => result.status === 'rejected')).toEqual([]);
  } finally {
    knox.restore();
  }
  await world.clearFaults();
  const [counted] = await world.sql<{ orphans: number }[]>`
    select count(*)::int as orphans from approval_events
     where event_type = 'orphan_cancelled' and ap_inf_id = any(${ids})`;
  expect(counted!.orphans, 'every resubmit landed after its withdraw and was cancelled').toBe(ids.length);
  expect(await approveWhateverIsOpen(ids)).toBe(0);
  const report = await expectSettled();
  expect(report.byActionStatus.withdrawn).toBeGreaterThanOrEqual(ids.length);
});

it('withdraws racing a poller cycle freely, with Knox slow and dropping answers', {
  timeout: 240_000,
}, async () => {
  const ids = await unknownSubmits(sized(10));
  const engine = await import('@/lib/approval');
  await world.setFaults({ latencyMs: 200, dropRate: 0.3 });
  const cycle = engine.checkPendingApprovals();
  const withdrawals = await Promise.allSettled(
    ids.map((id) => engine.withdrawApproval(id, '요청자 철회', { id: world.requester.id })),
  );
  await cycle;
  // A withdraw may fail only with an unknown outcome (a dropped cancel answer): retried below.
  for (const [index, result] of withdrawals.entries()) {
    if (result.status === 'rejected') {
      await world.clearFaults();
      await engine
        .withdrawApproval(ids[index]!, '요청자 철회 재시도', { id: world.requester.id })
        .catch(() => {});
    }
  }
  await world.clearFaults();
  // The poller's follow-up cancels any resubmit whose landing nobody heard about.
  await world.pollUntilQuiet();
  expect(await approveWhateverIsOpen(ids)).toBe(0);
  await expectSettled();
});
