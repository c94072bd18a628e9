import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approvalLogs, vendors } from '@/db/schema';
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
        approvers: ['A2001'],
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
    await expect(
      requestRegularRegistration({ vendorId: first!.id, reason: '중복', approvers: ['A2001'] }, KIM),
    ).rejects.toThrow(ApprovalInputError);

    const b = await requestRegularRegistration(
      { vendorId: second!.id, reason: '등록', approvers: ['A2001'] },
      KIM,
    );
    await h.act(a.approvalId, 'A2001', 'approve');
    await h.act(b.approvalId, 'A2001', 'approve');
    await checkSingleApprovalStatus(a.approvalId);
    await checkSingleApprovalStatus(b.approvalId);
    const [va, vb] = [await vendor(first!.id), await vendor(second!.id)];
    expect(va.status).toBe('regular');
    expect(va.vendorCode).toMatch(/^V-\d{4}-00001$/);
    expect(vb.vendorCode).toMatch(/^V-\d{4}-00002$/);
    expect(va.registeredAt).toBeInstanceOf(Date);
  });

  it('withdrawn: the vendor goes back to pq_approved without a code', async () => {
    const [target] = await h.database.db.select().from(vendors).where(eq(vendors.status, 'regular'));
    await expect(
      requestRegularRegistration({ vendorId: target!.id, reason: '이미 정규', approvers: ['A2001'] }, KIM),
    ).rejects.toThrow(/PQ 승인된 업체만/);

    // Put one vendor back to pq_approved to have a candidate left.
    const [candidate] = await h.database.db
      .update(vendors)
      .set({ status: 'pq_approved', vendorCode: null })
      .where(eq(vendors.name, '에이스코팅'))
      .returning();
    const result = await requestRegularRegistration(
      { vendorId: candidate!.id, reason: '등록', approvers: ['A2001'] },
      KIM,
    );
    await withdrawApproval(result.approvalId, '보류', { id: 'usr_kim' });
    const after = await vendor(candidate!.id);
    expect(after.status).toBe('pq_approved');
    expect(after.vendorCode).toBeNull();
  });
});
