/**
 * Bypass mode (APPROVAL_WORKFLOW_ENABLED=false, issue 16): a handler that throws an ApprovalError
 * (a state conflict, say) leaves a recorded failure like any other throw, not silence.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pendingActions } from '@/db/schema';
import { ApprovalStateConflictError, registerActionHandler, withApproval } from '@/lib/approval';
import { type EngineWorld, startEngineWorld } from '../testing/engine-world';
import { setEngineEnv } from '../testing/harness';

let w: EngineWorld;

beforeAll(async () => {
  w = await startEngineWorld();
  setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: 'false' });
  registerActionHandler('bypass_conflict', {
    risk: 'HIGH',
    async execute() {
      throw new ApprovalStateConflictError('협력업체 상태가 바뀌었습니다');
    },
  });
}, 60_000);

afterAll(async () => {
  await w?.close();
});

describe('bypass mode', () => {
  it('a handler throwing an ApprovalError is recorded failed, with its event, and the error still reaches the caller', async () => {
    const before = await w.h.database.db.select().from(pendingActions);
    await expect(
      withApproval(
        'bypass_conflict',
        { n: 1 },
        {
          title: '결재 없이 실행',
          templateName: '협력업체 거래정지',
          variables: {},
          approvers: ['A2001'],
          currentUser: { id: 'usr_kim', epId: 'E1001', email: 'kim.employee@example.com' },
        },
      ),
    ).rejects.toThrow(ApprovalStateConflictError);
    const after = await w.h.database.db.select().from(pendingActions);
    const added = after.filter((row) => !before.some((old) => old.id === row.id));
    expect(added).toHaveLength(1);
    expect(added[0]).toMatchObject({
      actionType: 'bypass_conflict',
      status: 'failed',
      approvalBypassed: true,
      errorMessage: '협력업체 상태가 바뀌었습니다',
    });
    const [row] = await w.h.database.db
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.id, added[0]!.id));
    expect(await w.events(row!.apInfId)).toEqual(['bypassed(∅>failed)']);
  });
});
