import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approvalLineRules, approvalLogs, knoxSimLines, pendingActions, vendors } from '@/db/schema';
import { ApprovalInputError, checkSingleApprovalStatus, withdrawApproval } from '@/lib/approval';
import { KIM, setUpApprovalHarness } from '@/lib/approval/testing/domain-harness';
import { requestRegularRegistration } from './approval-actions';

const h = setUpApprovalHarness();

async function vendorsWith(status: string) {
  return h.database.db
    .select()
    .from(vendors)
    .where(eq(vendors.status, status as 'pq_approved'));
}
async function vendor(id: number) {
  const [row] = await h.database.db.select().from(vendors).where(eq(vendors.id, id));
  return row!;
}

describe('정규업체 등록', () => {
  it('approved: the vendor becomes regular with a new vendor code from the sequence', async () => {
    const [first, second] = await vendorsWith('pq_approved');
    const a = await requestRegularRegistration(
      {
        vendorId: first!.id,
        reason: '공급선 다변화',
        items: ['<알루미늄> 판재', '동박'],
      },
      KIM,
    );
    expect((await vendor(first!.id)).status).toBe('registration_pending');
    const [doc] = await h.database.db
      .select()
      .from(approvalLogs)
      .where(eq(approvalLogs.apInfId, a.approvalId));
    expect(doc!.content).toContain('&lt;알루미늄&gt; 판재');
    expect(doc!.content).toContain(first!.name);
    await expect(requestRegularRegistration({ vendorId: first!.id, reason: '중복' }, KIM)).rejects.toThrow(
      ApprovalInputError,
    );

    const b = await requestRegularRegistration({ vendorId: second!.id, reason: '등록' }, KIM);
    await h.approveAll(a.approvalId);
    await h.approveAll(b.approvalId);
    await checkSingleApprovalStatus(a.approvalId);
    await checkSingleApprovalStatus(b.approvalId);
    const [va, vb] = [await vendor(first!.id), await vendor(second!.id)];
    expect(va.status).toBe('regular');
    expect(va.vendorCode).toMatch(/^V-\d{4}-00001$/);
    expect(vb.vendorCode).toMatch(/^V-\d{4}-00002$/);
    expect(va.registeredAt).toBeInstanceOf(Date);
  });

  it('the line comes from the rule: 팀장 → 담당임원 (전결), a requester may add 합의 but not choose approvers', async () => {
    const [candidate] = await h.database.db
      .update(vendors)
      .set({ status: 'pq_approved', vendorCode: null })
      .where(eq(vendors.name, '에이스코팅'))
      .returning();
    const count = async () => (await h.database.db.select().from(pendingActions)).length;
    const before = await count();
    // The case: a fellow employee as the sole approver with 전결 the requester granted.
    await expect(
      requestRegularRegistration(
        { vendorId: candidate!.id, reason: '등록', approvers: [{ epId: 'E1002', arbitrary: true }] },
        KIM,
      ),
    ).rejects.toThrow('결재선 규칙에 없는 사람은 합의·통보로만 추가할 수 있습니다: E1002 (결재)');
    await expect(
      requestRegularRegistration(
        { vendorId: candidate!.id, reason: '등록', approvers: ['A2002', 'A2001'] },
        KIM,
      ),
    ).rejects.toThrow('필수 결재자의 순서를 바꿀 수 없습니다');
    expect(await count()).toBe(before);
    expect((await vendor(candidate!.id)).status).toBe('pq_approved');

    const result = await requestRegularRegistration(
      {
        vendorId: candidate!.id,
        reason: '등록',
        approvers: ['A2001', { epId: 'E1002', role: 'agree' }, 'A2002'],
      },
      KIM,
    );
    const line = await h.database.db
      .select({ epId: knoxSimLines.epId, role: knoxSimLines.role, arbPmtYn: knoxSimLines.arbPmtYn })
      .from(knoxSimLines)
      .where(eq(knoxSimLines.apInfId, result.approvalId))
      .orderBy(knoxSimLines.seq);
    expect(line.filter((entry) => entry.role !== 0)).toEqual([
      { epId: 'A2001', role: 1, arbPmtYn: 'N' },
      { epId: 'E1002', role: 2, arbPmtYn: 'N' },
      { epId: 'A2002', role: 1, arbPmtYn: 'Y' },
    ]);
    await withdrawApproval(result.approvalId, '시험 정리', { id: 'usr_kim' });
  });

  it('an action type without a rule is refused (fail closed), not submitted on the caller’s line', async () => {
    const [candidate] = await vendorsWith('pq_approved');
    const [saved] = await h.database.db
      .delete(approvalLineRules)
      .where(eq(approvalLineRules.actionType, 'vendor_regular_registration'))
      .returning();
    try {
      await expect(
        requestRegularRegistration({ vendorId: candidate!.id, reason: '등록', approvers: ['A2001'] }, KIM),
      ).rejects.toThrow("'정규업체 등록'의 결재선 규칙이 없어 결재를 요청할 수 없습니다");
      expect((await vendor(candidate!.id)).status).toBe('pq_approved');
    } finally {
      await h.database.db.insert(approvalLineRules).values(saved!);
    }
  });

  it('withdrawn: the vendor goes back to pq_approved without a code', async () => {
    const [target] = await h.database.db.select().from(vendors).where(eq(vendors.status, 'regular'));
    await expect(
      requestRegularRegistration({ vendorId: target!.id, reason: '이미 정규' }, KIM),
    ).rejects.toThrow(/PQ 승인된 업체만/);

    // Put one vendor back to pq_approved to have a candidate left.
    const [candidate] = await h.database.db
      .update(vendors)
      .set({ status: 'pq_approved', vendorCode: null })
      .where(eq(vendors.name, '에이스코팅'))
      .returning();
    const result = await requestRegularRegistration({ vendorId: candidate!.id, reason: '등록' }, KIM);
    await withdrawApproval(result.approvalId, '보류', { id: 'usr_kim' });
    const after = await vendor(candidate!.id);
    expect(after.status).toBe('pq_approved');
    expect(after.vendorCode).toBeNull();
  });
});
