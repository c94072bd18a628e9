import { and, eq } from 'drizzle-orm';
import { type VendorStatus, vendors } from '@/db/schema';
import { type ActionContext, type ApprovalActionHandler, ApprovalStateConflictError } from '@/lib/approval';
import { VENDOR_STATUS_LABELS } from '@/lib/vendor/labels';

export interface VendorSuspensionPayload {
  vendorId: number;
  reason: string;
  requestedBy: string;
  /** The vendor's status before the request; compensate puts it back. */
  previousStatus: VendorStatus;
}

interface VendorSuspensionResult {
  vendorId: number;
  suspendedAt: string;
}

async function prepare(payload: VendorSuspensionPayload, { tx }: ActionContext): Promise<void> {
  const [row] = await tx
    .update(vendors)
    .set({ status: 'suspension_pending' })
    .where(and(eq(vendors.id, payload.vendorId), eq(vendors.status, payload.previousStatus)))
    .returning({ id: vendors.id });
  if (!row) {
    throw new ApprovalStateConflictError(
      '협력업체 상태가 바뀌었거나 이미 거래정지 결재가 진행 중입니다. 새로고침 후 다시 시도하세요.',
    );
  }
}

/** Approved: the vendor is suspended (거래정지). A second run returns the first time stamp. */
async function execute(
  payload: VendorSuspensionPayload,
  { tx }: ActionContext,
): Promise<VendorSuspensionResult> {
  const [vendor] = await tx.select().from(vendors).where(eq(vendors.id, payload.vendorId)).for('update');
  if (!vendor) throw new Error(`협력업체를 찾을 수 없습니다: ${payload.vendorId}`);
  if (vendor.status === 'suspended' && vendor.suspendedAt) {
    return { vendorId: vendor.id, suspendedAt: vendor.suspendedAt.toISOString() };
  }
  if (vendor.status !== 'suspension_pending') {
    throw new Error(
      `협력업체 ${vendor.name}의 상태가 거래정지 결재중이 아닙니다 (현재 상태: ${VENDOR_STATUS_LABELS[vendor.status]})`,
    );
  }
  const suspendedAt = new Date();
  await tx.update(vendors).set({ status: 'suspended', suspendedAt }).where(eq(vendors.id, vendor.id));
  return { vendorId: vendor.id, suspendedAt: suspendedAt.toISOString() };
}

async function compensate(payload: VendorSuspensionPayload, { tx }: ActionContext): Promise<void> {
  await tx
    .update(vendors)
    .set({ status: payload.previousStatus })
    .where(and(eq(vendors.id, payload.vendorId), eq(vendors.status, 'suspension_pending')));
}

export const vendorSuspensionHandler: ApprovalActionHandler<VendorSuspensionPayload> = {
  prepare,
  execute,
  compensate,
};
