/**
 * Bug 4 of issue 16: an event is appended only by the statement that made its move. Each race is
 * put in one exact order with the hooked Knox client, then the whole event history is checked.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checkSingleApprovalStatus } from '@/lib/approval';
import { checkEventHistory } from '@/tests/reliability/invariants';
import { type EngineWorld, PROBE_TYPE, startEngineWorld } from './testing/engine-world';
import { createGate, type HookedKnox, hookKnoxClient } from './testing/knox-hooks';

let w: EngineWorld;
let knox: HookedKnox;

beforeAll(async () => {
  w = await startEngineWorld();
}, 60_000);

afterAll(async () => {
  await w?.close();
});

afterEach(() => {
  knox?.restore();
});

describe('events describe only moves that happened (PostgreSQL)', () => {
  it('a submit confirmed after the action already executed appends no "submitted" event', async () => {
    knox = hookKnoxClient();
    const accepted = createGate();
    let apInfId = '';
    knox.hooks.afterSubmit = async (input) => {
      apInfId = input.apInfId;
      await accepted.pass();
    };
    // Knox has accepted; the requester's process has not recorded it yet.
    const submitting = w.submit('late-confirm');
    await accepted.reached;
    await w.h.act(apInfId, 'A2001', 'approve');
    const refreshed = await checkSingleApprovalStatus(apInfId);
    expect(refreshed.actionStatus).toBe('executed');
    accepted.open();
    await submitting;

    expect((await w.action(apInfId)).status).toBe('executed');
    const trail = await w.events(apInfId);
    expect(trail.at(-1), trail.join(' → ')).toBe('executed(executing>executed)');
    expect(await checkEventHistory(w.sql, { actionTypes: [PROBE_TYPE] })).toEqual([]);
  });
});
