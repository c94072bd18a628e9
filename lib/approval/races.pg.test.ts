/**
 * Bug 1 of issue 16: a withdraw racing the resubmit of an unknown submit must never leave a live
 * Knox document behind a `withdrawn` action. Each interleaving is forced with the hooked Knox
 * client (a gate holds one call at the chosen point), then checked against the simulator's own
 * records with the reliability invariants (including the event history).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  checkPendingApprovals,
  checkSingleApprovalStatus,
  waitForApprovalDecision,
  withdrawApproval,
} from '@/lib/approval';
import { runGatedCall } from '@/lib/mcp/gated-call';
import { checkInvariants, describeViolations } from '@/tests/reliability/invariants';
import { type EngineWorld, PROBE_TYPE, startEngineWorld } from './testing/engine-world';
import { createGate, type HookedKnox, hookKnoxClient } from './testing/knox-hooks';
import { settleUnknownSubmit } from './transitions/settle-submit';

let w: EngineWorld;
let knox: HookedKnox;
const kim = { id: 'usr_kim' };

beforeAll(async () => {
  w = await startEngineWorld();
}, 60_000);

afterAll(async () => {
  await w?.close();
});

beforeEach(() => {
  knox = hookKnoxClient();
});

afterEach(async () => {
  knox.restore();
  await w.h.clearFaults();
});

/** A document whose submit ended unknown and that Knox does not have. */
async function unknownSubmit(label: string): Promise<string> {
  await w.h.setFaults({ errorRate: 1 });
  const apInfId = await w.submit(label);
  await w.h.clearFaults();
  expect((await w.action(apInfId)).status).toBe('submit_unknown');
  expect(await w.h.knoxStatus(apInfId)).toBeNull();
  return apInfId;
}

async function expectSettledInvariants() {
  const report = await checkInvariants(w.sql, { actionTypes: [PROBE_TYPE], settled: true });
  expect(report.violations, describeViolations(report)).toEqual([]);
}

describe('withdraw during the resubmit of an unknown submit (PostgreSQL)', () => {
  it('the withdraw answered APE020 while the resubmit was in flight: the resubmit cancels what it created', async () => {
    const apInfId = await unknownSubmit('race-before-landing');
    const resubmit = createGate();
    knox.hooks.beforeSubmit = () => resubmit.pass();
    const refreshing = checkSingleApprovalStatus(apInfId);
    await resubmit.reached;

    const withdrawn = await withdrawApproval(apInfId, '요청 철회', kim);
    expect(withdrawn.status).toBe('withdrawn');
    resubmit.open();
    await refreshing;

    expect(knox.submits.filter((id) => id === apInfId)).toHaveLength(2);
    expect((await w.action(apInfId)).status).toBe('withdrawn');
    expect(await w.h.knoxStatus(apInfId)).toBe(4);
    await expect(w.h.act(apInfId, 'A2001', 'approve')).rejects.toThrow();
    expect(await w.runs(apInfId)).toEqual({ committed: 0, calls: 0 });
    await expectSettledInvariants();
  });

  it('the resubmit landed but its answer was lost: the poller finds the document and cancels it', async () => {
    const apInfId = await unknownSubmit('race-answer-lost');
    const resubmit = createGate();
    knox.hooks.beforeSubmit = () => resubmit.pass();
    knox.hooks.afterSubmit = async () => {
      throw new Error('connection reset after Knox stored the document');
    };
    const refreshing = checkSingleApprovalStatus(apInfId);
    await resubmit.reached;
    await withdrawApproval(apInfId, '요청 철회', kim);
    resubmit.open();
    await refreshing;
    expect(await w.h.knoxStatus(apInfId)).toBe(1);
    knox.hooks = {};

    await checkPendingApprovals();
    expect((await w.action(apInfId)).status).toBe('withdrawn');
    expect(await w.h.knoxStatus(apInfId)).toBe(4);
    // Once Knox shows it withdrawn, the poller stops asking about it.
    const asked: string[] = [];
    knox.hooks.afterStatus = async (answer) => {
      asked.push(...answer.map((entry) => entry.apInfId));
      return undefined;
    };
    await checkPendingApprovals();
    expect(asked).not.toContain(apInfId);
    await expectSettledInvariants();
  });

  it('the resubmit was recorded between the APE020 and the withdraw settling: the withdraw cancels again', async () => {
    const apInfId = await unknownSubmit('race-recorded-meanwhile');
    const cancelled = createGate();
    knox.hooks.afterCancel = async () => {
      knox.hooks.afterCancel = undefined;
      await cancelled.pass();
    };
    const withdrawing = withdrawApproval(apInfId, '요청 철회', kim);
    await cancelled.reached;
    // Knox answered APE020; before the withdraw records it, a 새로고침 resubmits and records it.
    expect((await checkSingleApprovalStatus(apInfId)).actionStatus).toBe('pending');
    expect(await w.h.knoxStatus(apInfId)).toBe(1);
    cancelled.open();
    expect((await withdrawing).status).toBe('withdrawn');

    expect(await w.h.knoxStatus(apInfId)).toBe(4);
    await expectSettledInvariants();
  });

  it('a resubmit whose action was withdrawn since it was read is not sent at all', async () => {
    const apInfId = await unknownSubmit('race-withdrawn-before-resubmit');
    const read = await w.action(apInfId);
    await withdrawApproval(apInfId, '요청 철회', kim);
    const sent = knox.submits.length;
    expect(await settleUnknownSubmit(read, false)).toBe('withdrawn');

    expect(knox.submits).toHaveLength(sent);
    expect(await w.h.knoxStatus(apInfId)).toBeNull();
    await expectSettledInvariants();
  });

  it('an MCP call timing out withdraws through the same path and leaves nothing live', async () => {
    const apInfId = await unknownSubmit('race-mcp-timeout');
    const resubmit = createGate();
    knox.hooks.beforeSubmit = () => resubmit.pass();
    const refreshing = checkSingleApprovalStatus(apInfId);
    await resubmit.reached;

    const result = await runGatedCall({
      toolName: 'race_probe_tool',
      user: {
        id: 'usr_kim',
        epId: 'E1001',
        email: 'kim.employee@example.com',
        name: '김구매',
        role: 'employee',
      } as never,
      submit: async () => ({ approvalId: apInfId, status: 'pending_approval' }),
      gate: { waitForApprovalDecision, withdrawApproval },
      timeoutMs: 200,
      signal: new AbortController().signal,
    });
    expect(JSON.stringify(result)).toContain('APPROVAL_TIMEOUT');
    expect((await w.action(apInfId)).status).toBe('withdrawn');
    resubmit.open();
    await refreshing;

    expect(await w.h.knoxStatus(apInfId)).toBe(4);
    await expectSettledInvariants();
  });
});
