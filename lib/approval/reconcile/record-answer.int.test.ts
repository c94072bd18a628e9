/**
 * Bug 2 of issue 16: a stale Knox answer (read before a newer one was processed) must not roll
 * approval_logs back. The stale read is taken for real from Knox and applied after the newer one,
 * the order in which a slow poller cycle and a 새로고침 can apply them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkSingleApprovalStatus,
  processKnoxStatus,
  processKnoxStatuses,
  retryFailedAction,
  withdrawApproval,
} from '@/lib/approval';
import { getApprovalStatuses } from '@/lib/knox-api/approval';
import { type EngineWorld, startEngineWorld } from '../testing/engine-world';

let w: EngineWorld;
const admin = { id: 'usr_admin' };

beforeAll(async () => {
  w = await startEngineWorld();
}, 60_000);

afterAll(async () => {
  await w?.close();
});

describe('approval_logs never goes backwards', () => {
  it('a stale "in progress" after a failed execution keeps the decision, and the admin retry works', async () => {
    const apInfId = await w.submit('stale-after-fail');
    const [stale] = await getApprovalStatuses([apInfId]);
    expect(stale).toMatchObject({ found: true, status: 1 });

    await w.h.act(apInfId, 'A2001', 'approve');
    w.failing.add('stale-after-fail');
    expect((await checkSingleApprovalStatus(apInfId)).actionStatus).toBe('failed');
    const decided = await w.log(apInfId);
    expect(decided.status).toBe(2);

    // The poller's cycle that read Knox before the approval gets to its answer only now.
    await processKnoxStatus(apInfId, stale!);
    const after = await w.log(apInfId);
    expect({ status: after.status, docChgNum: after.docChgNum }).toEqual({
      status: 2,
      docChgNum: decided.docChgNum,
    });
    expect(after.decidedAt?.getTime()).toBe(decided.decidedAt?.getTime());

    w.failing.delete('stale-after-fail');
    const retried = await retryFailedAction((await w.action(apInfId)).id, admin);
    expect(retried).toMatchObject({ status: 'executed', executedNow: true });
    expect(await w.runs(apInfId)).toMatchObject({ committed: 1 });
  });

  it('a stale answer applied after a newer one through processKnoxStatuses keeps the newer record', async () => {
    const apInfId = await w.submit('stale-batch');
    const [stale] = await getApprovalStatuses([apInfId]);
    await w.h.act(apInfId, 'A2001', 'approve');
    const [fresh] = await getApprovalStatuses([apInfId]);
    expect(fresh).toMatchObject({ status: 2 });
    // The fresh answer is recorded first (an approval being executed), the stale one after it.
    await processKnoxStatuses([fresh!]);
    const decided = await w.log(apInfId);
    await processKnoxStatuses([stale!]);
    const after = await w.log(apInfId);
    expect({ status: after.status, docChgNum: after.docChgNum }).toEqual({
      status: decided.status,
      docChgNum: decided.docChgNum,
    });
    expect((await w.action(apInfId)).status).toBe('executed');
  });

  it('a withdrawn document keeps Knox status 4 against an older "in progress"', async () => {
    const apInfId = await w.submit('stale-withdrawn');
    const [stale] = await getApprovalStatuses([apInfId]);
    await withdrawApproval(apInfId, '취소', { id: 'usr_kim' });
    expect((await w.log(apInfId)).status).toBe(4);
    await processKnoxStatus(apInfId, stale!);
    expect((await w.log(apInfId)).status).toBe(4);
  });
});
