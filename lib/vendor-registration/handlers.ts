import { and, eq, sql } from 'drizzle-orm';
import type { Tx } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import { type VendorStatus, vendors } from '@/db/schema';
import { type ActionContext, type ApprovalActionHandler, ApprovalStateConflictError } from '@/lib/approval';
import { kstYear } from '@/lib/time/kst';
import { VENDOR_STATUS_LABELS } from '@/lib/vendor/labels';

export interface VendorRegistrationPayload {
  vendorId: number;
  reason: string;
  items: string[];
  requestedBy: string;
  /** The vendor's status before the request; compensate puts it back. */
  previousStatus: VendorStatus;
}

interface VendorRegistrationResult {
  vendorId: number;
  vendorCode: string;
  registeredAt: string;
}

/**
 * V-2026-00001: the year of registration (KST) and the next number of vendor_code_counter. The
 * counter row is moved forward in the caller's transaction (and locked until it ends), so a
 * registration that rolls back gives its number back: codes have no gaps.
 */
export async function nextVendorCode(tx: Tx, now: Date = new Date()): Promise<string> {
  const rows = rowsOf<{ n: string | number }>(
    await tx.execute(sql`
      insert into vendor_code_counter (id, last_value) values (1, 1)
      on conflict (id) do update set last_value = vendor_code_counter.last_value + 1
      returning last_value as n`),
  );
  const year = kstYear(now);
  return `V-${year}-${String(rows[0]!.n).padStart(5, '0')}`;
}

async function prepare(payload: VendorRegistrationPayload, { tx }: ActionContext): Promise<void> {
  const [row] = await tx
    .update(vendors)
    .set({ status: 'registration_pending' })
    .where(and(eq(vendors.id, payload.vendorId), eq(vendors.status, payload.previousStatus)))
    .returning({ id: vendors.id });
  if (!row) {
    throw new ApprovalStateConflictError(
      '협력업체 상태가 바뀌었거나 이미 등록 결재가 진행 중입니다. 새로고침 후 다시 시도하세요.',
    );
  }
}

/** Approved: the vendor becomes regular with a new vendor code. A second run returns the first code. */
async function execute(
  payload: VendorRegistrationPayload,
  { tx }: ActionContext,
): Promise<VendorRegistrationResult> {
  const [vendor] = await tx.select().from(vendors).where(eq(vendors.id, payload.vendorId)).for('update');
  if (!vendor) throw new Error(`협력업체를 찾을 수 없습니다: ${payload.vendorId}`);
  if (vendor.status === 'regular' && vendor.vendorCode && vendor.registeredAt) {
    return {
      vendorId: vendor.id,
      vendorCode: vendor.vendorCode,
      registeredAt: vendor.registeredAt.toISOString(),
    };
  }
  if (vendor.status !== 'registration_pending') {
    throw new Error(
      `협력업체 ${vendor.name}의 상태가 등록 결재중이 아닙니다 (현재 상태: ${VENDOR_STATUS_LABELS[vendor.status]})`,
    );
  }
  const vendorCode = vendor.vendorCode ?? (await nextVendorCode(tx));
  const registeredAt = new Date();
  await tx
    .update(vendors)
    .set({ status: 'regular', vendorCode, registeredAt })
    .where(eq(vendors.id, vendor.id));
  return { vendorId: vendor.id, vendorCode, registeredAt: registeredAt.toISOString() };
}

async function compensate(payload: VendorRegistrationPayload, { tx }: ActionContext): Promise<void> {
  await tx
    .update(vendors)
    .set({ status: payload.previousStatus })
    .where(and(eq(vendors.id, payload.vendorId), eq(vendors.status, 'registration_pending')));
}

export const vendorRegistrationHandler: ApprovalActionHandler<VendorRegistrationPayload> = {
  prepare,
  execute,
  compensate,
};
