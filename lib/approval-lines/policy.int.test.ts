import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { knoxSimLines, pendingActions, users } from '@/db/schema';
import { type ApprovalConfig, registerActionHandler, withApproval } from '@/lib/approval';
import { KIM, setUpApprovalHarness } from '@/lib/approval/testing/domain-harness';

const h = setUpApprovalHarness();

const config = (overrides: Partial<ApprovalConfig> = {}): ApprovalConfig => ({
  title: '결재선 시험',
  templateName: '협력업체 거래정지',
  variables: {},
  currentUser: KIM,
  ...overrides,
});
const count = async () => (await h.database.db.select().from(pendingActions)).length;

describe('the line policy inside withApproval (every entry point goes through it)', () => {
  it('refuses a caller’s own line for a feature action even when called past the domain function', async () => {
    const before = await count();
    await expect(
      withApproval(
        'vendor_regular_registration',
        { vendorId: 1 },
        config({ approvers: [{ epId: 'E1002', arbitrary: true }] }),
      ),
    ).rejects.toMatchObject({
      code: 'INVALID_APPROVAL_CONFIG',
      message: '결재선 규칙에 없는 사람은 합의·통보로만 추가할 수 있습니다: E1002 (결재)',
    });
    expect(await count()).toBe(before);
  });

  it('refuses when the directory gives no holder for a required position, writing nothing', async () => {
    const before = await count();
    await h.database.db.update(users).set({ managerId: null }).where(eq(users.id, 'usr_kim'));
    try {
      await expect(withApproval('vendor_regular_registration', { vendorId: 1 }, config())).rejects.toThrow(
        '결재선 1번째 요청자의 상급자 (팀장)을(를) 찾을 수 없습니다: 조직도에 김구매님의 상급자가 없습니다',
      );
    } finally {
      await h.database.db.update(users).set({ managerId: 'usr_choi' }).where(eq(users.id, 'usr_kim'));
    }
    expect(await count()).toBe(before);
  });

  it('leaves action types no rule governs (engine tests, benches) on the caller’s line', async () => {
    registerActionHandler('lines_probe', () => ({ ok: true }));
    const result = await withApproval('lines_probe', {}, config({ approvers: ['A2002'] }));
    const line = await h.database.db
      .select({ epId: knoxSimLines.epId })
      .from(knoxSimLines)
      .where(eq(knoxSimLines.apInfId, result.approvalId));
    expect(line.map((entry) => entry.epId)).toEqual(['E1001', 'A2002']);
  });
});
