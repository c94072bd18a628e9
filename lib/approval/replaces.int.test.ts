import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pendingActions } from '@/db/schema';
import {
  ApprovalStateConflictError,
  checkSingleApprovalStatus,
  InvalidApprovalConfigError,
  withdrawApproval,
} from '@/lib/approval';
import { setUpWorkflowWorld } from './testing/workflow-world';

const w = setUpWorkflowWorld();
const lee = { id: 'usr_lee', epId: 'E1002', email: 'lee.employee@example.com', name: '이품질' };

async function rejected(label: string, currentUser = w.kim) {
  const { approvalId } = await w.submit(label, { currentUser });
  await w.h.act(approvalId, 'A2001', 'reject', '다시 작성');
  await checkSingleApprovalStatus(approvalId);
  expect((await w.action(approvalId)).status).toBe('rejected');
  return approvalId;
}

async function count() {
  return (await w.h.database.db.select({ id: pendingActions.id }).from(pendingActions)).length;
}

describe('다시 요청 (replaces)', () => {
  it("links the new approval to the requester's own rejected one, once", async () => {
    const old = await rejected('old');
    const { approvalId: next } = await w.submit('again', { replaces: old });
    expect((await w.action(next)).replacesApInfId).toBe(old);
    const created = (await w.events(next)).find((event) => event.eventType === 'created');
    expect(created?.detail).toMatchObject({ replaces: old });
    // The same one replaced twice: refused, nothing written.
    const before = await count();
    await expect(w.submit('again-2', { replaces: old })).rejects.toThrow(ApprovalStateConflictError);
    await expect(w.submit('again-2', { replaces: old })).rejects.toThrow(/이미 다시 요청한 결재/);
    expect(await count()).toBe(before);
  });

  it('a withdrawn one may be replaced too', async () => {
    const { approvalId: old } = await w.submit('withdrawn');
    await withdrawApproval(old, '내용 수정', { id: w.kim.id });
    const { approvalId: next } = await w.submit('after-withdraw', { replaces: old });
    expect((await w.action(next)).replacesApInfId).toBe(old);
  });

  it("refuses someone else's approval (as if missing), a still-pending one, an unknown id and another action type", async () => {
    const others = await rejected('lee-old', lee);
    const { approvalId: open } = await w.submit('still-open');
    const before = await count();
    await expect(w.submit('steal', { replaces: others })).rejects.toThrow(InvalidApprovalConfigError);
    await expect(w.submit('steal', { replaces: others })).rejects.toThrow(
      /다시 요청할 결재를 찾을 수 없습니다/,
    );
    await expect(w.submit('early', { replaces: open })).rejects.toThrow(ApprovalStateConflictError);
    await expect(w.submit('unknown', { replaces: 'NO-SUCH-ID' })).rejects.toThrow(InvalidApprovalConfigError);
    expect(await count()).toBe(before);

    const mine = await rejected('type-old');
    await w.h.database.db
      .update(pendingActions)
      .set({ actionType: 'some_other_type' })
      .where(eq(pendingActions.apInfId, mine));
    await expect(w.submit('type', { replaces: mine })).rejects.toThrow(/다른 종류의 요청/);
    expect(await count()).toBe(before + 1);
  });
});
