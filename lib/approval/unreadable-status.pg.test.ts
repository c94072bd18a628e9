/**
 * Bug 3 of issue 16: one status entry Knox sends outside -2..6 is refused alone; the rest of the
 * answer — the other documents of the poller's batch, every other agent's live poll — goes on.
 * The odd status is written into the simulator's own table, so the real client reads it off the wire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkPendingApprovals, getPollerState, waitForApprovalDecision } from '@/lib/approval';
import { metrics } from '@/lib/observability/metrics';
import { type EngineWorld, startEngineWorld } from './testing/engine-world';
import { setEngineEnv } from './testing/harness';

let w: EngineWorld;

beforeAll(async () => {
  w = await startEngineWorld();
  setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: '1' });
}, 60_000);

afterAll(async () => {
  setEngineEnv({ APPROVAL_LIVE_POLL_SECONDS: undefined });
  await w?.close();
});

const setKnoxStatus = (apInfId: string, status: number) =>
  w.sql`update knox_sim_documents set status = ${status} where ap_inf_id = ${apInfId}`;
const unreadableCount = async () => (await metrics().knoxUnreadableStatusEntries.get()).values[0]?.value ?? 0;

describe('an unreadable status entry is refused alone (PostgreSQL)', () => {
  it('the poller executes the rest of the batch and shows the odd one; it is processed once readable', async () => {
    const ids = [await w.submit('odd-1'), await w.submit('odd-2'), await w.submit('odd-3')];
    for (const id of ids) await w.h.act(id, 'A2001', 'approve');
    const odd = ids[1]!;
    await setKnoxStatus(odd, 7);
    const before = await unreadableCount();

    const summary = await checkPendingApprovals();
    expect(summary.executed).toBe(2);
    expect((await w.action(ids[0]!)).status).toBe('executed');
    expect((await w.action(ids[2]!)).status).toBe('executed');
    expect((await w.action(odd)).status).toBe('pending');
    expect((await w.log(odd)).status).toBe(1);
    expect((await getPollerState(w.h.database.db)).lastError).toContain(odd);
    expect((await unreadableCount()) - before).toBe(1);

    await setKnoxStatus(odd, 2);
    expect((await checkPendingApprovals()).executed).toBe(1);
    expect((await w.action(odd)).status).toBe('executed');
  });

  it("an agent's wait is answered although another waiter's document has an unreadable status", async () => {
    const good = await w.submit('wait-good');
    const odd = await w.submit('wait-odd');
    await setKnoxStatus(odd, 9);
    const controller = new AbortController();
    const oddWait = waitForApprovalDecision(odd, { timeoutMs: 60_000, signal: controller.signal }).catch(
      () => null,
    );
    const goodWait = waitForApprovalDecision(good, { timeoutMs: 20_000 });
    await w.h.act(good, 'A2001', 'approve');
    expect(await goodWait).toMatchObject({ outcome: 'executed' });
    controller.abort();
    await oddWait;
  });
});
