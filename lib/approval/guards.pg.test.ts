/**
 * Guards of the engine that no other test caught (issue 15 §2; `npm run mutation` removes each one
 * and expects a test here to fail). Each test puts the one ordering the guard stops in place with
 * the hooked Knox client (a gate holds a call at the chosen point) or the database handle, and
 * asserts what must hold afterwards; no assertion is on time (the waiter test's 5 s time-out is only
 * reached when its guard is missing).
 */
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type DatabaseHandle, setDatabase } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import {
  checkPendingApprovals,
  checkSingleApprovalStatus,
  executeApprovedAction,
  handleRejectedAction,
  registerActionHandler,
  waitForApprovalDecision,
} from '@/lib/approval';
import { type EngineWorld, startEngineWorld } from '@/lib/approval/testing/engine-world';
import { setEngineEnv } from '@/lib/approval/testing/harness';
import { createGate, type HookedKnox, hookKnoxClient } from '@/lib/approval/testing/knox-hooks';

let w: EngineWorld;
let knox: HookedKnox;

/** A handler that writes its own pending_actions row on ctx.tx: the one writer a row lock lets in. */
const MOVES_ROW = 'guard_moves_row';
/** A handler whose compensations are counted (outside any transaction, as a call elsewhere would be). */
const COMPENSATED = 'guard_compensated';
const compensations = new Map<string, number>();

const eventCount = (trail: string[], type: string) =>
  trail.filter((event) => event.startsWith(`${type}(`)).length;

beforeAll(async () => {
  w = await startEngineWorld();
  registerActionHandler(MOVES_ROW, {
    risk: 'HIGH',
    async execute(_payload, ctx) {
      await ctx.tx.execute(
        sql`update pending_actions set attempts = attempts + 1 where id = ${ctx.pendingActionId}`,
      );
      return { ok: true };
    },
  });
  registerActionHandler(COMPENSATED, {
    risk: 'HIGH',
    execute: async () => ({ ok: true }),
    async compensate(_payload, ctx) {
      compensations.set(ctx.apInfId, (compensations.get(ctx.apInfId) ?? 0) + 1);
    },
  });
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

describe('execution records only what it read under the lock', () => {
  it('a row that changed after the claim read it (on the batch’s own transaction) is not recorded executed', async () => {
    const apInfId = await w.submit('moved-under-lock', MOVES_ROW);
    await w.h.act(apInfId, 'A2001', 'approve');

    const outcome = await executeApprovedAction(apInfId);
    // The compare-and-set found attempts changed: the whole batch rolled back, the handler's write too.
    expect(outcome).toMatchObject({ status: 'pending', executedNow: false });
    const row = await w.action(apInfId);
    expect({ status: row.status, attempts: row.attempts }).toEqual({ status: 'pending', attempts: 0 });
    expect(eventCount(await w.events(apInfId), 'executed')).toBe(0);
  });
});

describe('compensation moves only an action still open', () => {
  it('a rejection arriving after the action executed changes nothing and compensates nothing', async () => {
    const apInfId = await w.submit('late-reject', COMPENSATED);
    await w.h.act(apInfId, 'A2001', 'approve');
    expect((await checkSingleApprovalStatus(apInfId)).actionStatus).toBe('executed');

    // A reader that saw the action open (a rejection answer read earlier) gets to it now.
    expect(await handleRejectedAction(apInfId, '늦게 도착한 반려', { knoxStatus: 3 })).toBeNull();
    expect((await w.action(apInfId)).status).toBe('executed');
    expect(compensations.get(apInfId) ?? 0).toBe(0);
    expect((await w.events(apInfId)).at(-1)).toBe('executed(executing>executed)');
  });

  it('the second of two readers of one rejection compensates nothing a second time', async () => {
    const apInfId = await w.submit('double-reject', COMPENSATED);
    await w.h.act(apInfId, 'A2001', 'reject', '반려합니다');
    expect((await checkSingleApprovalStatus(apInfId)).actionStatus).toBe('rejected');
    expect(compensations.get(apInfId)).toBe(1);

    expect(await handleRejectedAction(apInfId, '반려합니다', { knoxStatus: 3 })).toBeNull();
    expect(compensations.get(apInfId)).toBe(1);
    expect(eventCount(await w.events(apInfId), 'rejected')).toBe(1);
  });
});

describe('a submit still under way is left to its own request', () => {
  it('Knox does not have it yet: the poller sends nothing', async () => {
    const landing = createGate();
    let submits = 0;
    let apInfId = '';
    knox.hooks.beforeSubmit = async (input) => {
      submits += 1;
      if (submits === 1) {
        apInfId = input.apInfId;
        await landing.pass();
      }
    };
    const submitting = w.submit('in-flight-absent');
    await landing.reached;

    await checkPendingApprovals();
    expect(submits, 'submits of a document whose first submit is still in flight').toBe(1);
    expect(await w.events(apInfId)).toEqual(['created(∅>pending)']);

    landing.open();
    await submitting;
    expect(await w.h.knoxStatus(apInfId)).toBe(1);
    expect(await w.events(apInfId)).toEqual(['created(∅>pending)', 'submitted(pending>pending)']);
  });

  it('Knox has it but the request has not heard back: the poller records nothing for it', async () => {
    const answered = createGate();
    let apInfId = '';
    knox.hooks.afterSubmit = async (input) => {
      knox.hooks.afterSubmit = undefined;
      apInfId = input.apInfId;
      await answered.pass();
    };
    const submitting = w.submit('in-flight-present');
    await answered.reached;
    expect(await w.h.knoxStatus(apInfId)).toBe(1);

    await checkPendingApprovals();
    expect(await w.events(apInfId)).toEqual(['created(∅>pending)']);
    expect((await w.log(apInfId)).submittedAt).toBeNull();

    answered.open();
    await submitting;
    const trail = await w.events(apInfId);
    expect(trail, trail.join(' → ')).toEqual(['created(∅>pending)', 'submitted(pending>pending)']);
    const [how] = rowsOf<{ how: string }>(
      await w.h.database.db.execute(
        sql`select detail->>'how' as how from approval_events where ap_inf_id = ${apInfId} and event_type = 'submitted'`,
      ),
    );
    expect(how?.how).toBe('accepted');
  });
});

describe('an unknown submit outcome', () => {
  it('recorded after the action already executed leaves it executed', async () => {
    const accepted = createGate();
    let apInfId = '';
    knox.hooks.afterSubmit = async (input) => {
      knox.hooks.afterSubmit = undefined;
      apInfId = input.apInfId;
      await accepted.pass();
      throw new Error('connection reset after Knox stored the document');
    };
    // Knox has it; the requester has not heard back. Meanwhile it is approved and executed.
    const submitting = w.submit('unknown-after-executed');
    await accepted.reached;
    await w.h.act(apInfId, 'A2001', 'approve');
    expect((await checkSingleApprovalStatus(apInfId)).actionStatus).toBe('executed');
    // The requester's presence check cannot reach Knox either: its outcome stays unknown.
    knox.hooks.afterStatus = async () => {
      throw new Error('Knox unreachable');
    };
    accepted.open();
    await submitting;

    expect((await w.action(apInfId)).status).toBe('executed');
    expect(eventCount(await w.events(apInfId), 'submit_unknown')).toBe(0);
    expect(await w.runs(apInfId)).toEqual({ committed: 1, calls: 1 });
  });
});

describe('a resubmit Knox answers "duplicate id"', () => {
  it('means Knox has the document: the request carries on as submitted and the approval executes', async () => {
    let apInfId = '';
    knox.hooks.afterSubmit = async (input) => {
      knox.hooks.afterSubmit = undefined;
      apInfId = input.apInfId;
      throw new Error('connection reset after Knox stored the document');
    };
    // The presence check is answered from a read taken before the document was visible.
    knox.hooks.afterStatus = async (answer) => {
      knox.hooks.afterStatus = undefined;
      return answer.map((entry) => (entry.apInfId === apInfId ? { apInfId, found: false } : entry));
    };

    const label = 'duplicate-on-resubmit';
    const approvalId = await w.submit(label);
    expect(approvalId).toBe(apInfId);
    expect(knox.submits.filter((id) => id === apInfId)).toHaveLength(2);
    const row = await w.action(apInfId);
    expect(row.status).toBe('pending');
    expect((await w.log(apInfId)).submittedAt).not.toBeNull();
    expect(await w.h.knoxStatus(apInfId)).toBe(1);

    await w.h.act(apInfId, 'A2001', 'approve');
    expect((await checkSingleApprovalStatus(apInfId)).actionStatus).toBe('executed');
    expect(await w.runs(apInfId)).toEqual({ committed: 1, calls: 1 });
  });
});

describe('the decision waiter', () => {
  it('a decision committed between its first read and its LISTEN is delivered', async () => {
    // No live poll during the test: only the waiter's own reads can deliver the decision.
    setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '300' });
    const apInfId = await w.submit('decided-before-listen');
    await w.h.act(apInfId, 'A2001', 'approve');
    const handle = w.h.database;
    // The waiter's LISTEN is being set up when the execution commits: its NOTIFY reaches nobody.
    const decidingWhileListening: DatabaseHandle = {
      ...handle,
      async listen(channel, onPayload) {
        expect((await executeApprovedAction(apInfId)).executedNow).toBe(true);
        return handle.listen(channel, onPayload);
      },
    };
    setDatabase(decidingWhileListening);
    try {
      const outcome = await waitForApprovalDecision(apInfId, { timeoutMs: 5_000 });
      expect(outcome).toEqual({ outcome: 'executed', result: { label: 'decided-before-listen' } });
    } finally {
      setDatabase(handle);
      setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: undefined });
    }
  });
});
