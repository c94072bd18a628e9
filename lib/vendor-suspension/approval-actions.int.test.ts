import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { vendors } from '@/db/schema';
import { ApprovalInputError, checkSingleApprovalStatus, getRegisteredHandlers } from '@/lib/approval';
import { KIM, setUpApprovalHarness } from '@/lib/approval/testing/domain-harness';
import { registerApprovalFeatures } from '@/lib/server/approval-features';
import { requestVendorSuspension } from './approval-actions';

const h = setUpApprovalHarness();

async function vendorNamed(name: string) {
  const [row] = await h.database.db.select().from(vendors).where(eq(vendors.name, name));
  return row!;
}

describe('협력업체 거래정지', () => {
  it('is registered as CRITICAL', () => {
    registerApprovalFeatures();
    registerApprovalFeatures();
    expect(getRegisteredHandlers()).toContainEqual({
      actionType: 'vendor_suspension',
      risk: 'CRITICAL',
      title: '협력업체 거래정지',
    });
  });

  it('approved: a regular vendor becomes suspended; rejected: it stays regular', async () => {
    const target = await vendorNamed('한양금속');
    const result = await requestVendorSuspension({ vendorId: target.id, reason: '납기 준수율 62%' }, KIM);
    expect((await vendorNamed('한양금속')).status).toBe('suspension_pending');
    await h.act(result.approvalId, 'A2001', 'reject', '개선 기회 부여');
    await checkSingleApprovalStatus(result.approvalId);
    expect((await vendorNamed('한양금속')).status).toBe('regular');

    const again = await requestVendorSuspension(
      { vendorId: target.id, reason: '재발', approvers: ['A2001', 'A2002'] },
      KIM,
    );
    await h.approveAll(again.approvalId);
    expect(await checkSingleApprovalStatus(again.approvalId)).toMatchObject({ actionStatus: 'executed' });
    const suspended = await vendorNamed('한양금속');
    expect(suspended.status).toBe('suspended');
    expect(suspended.suspendedAt).toBeInstanceOf(Date);
  });

  it('refuses a vendor that is not regular', async () => {
    const target = await vendorNamed('삼원물류');
    await expect(requestVendorSuspension({ vendorId: target.id, reason: '중복' }, KIM)).rejects.toThrow(
      ApprovalInputError,
    );
  });
});
