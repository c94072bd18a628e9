import { and, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { type VendorStatus, vendors } from '@/db/schema';
import { logger } from '@/lib/observability/logger';

/**
 * States an admin may set by hand to fix master data that went out of step (for example after an
 * approval failed). Regular and suspended are never set by hand: only an approved Knox document
 * makes a vendor regular (with its code) or suspends it.
 */
export const CORRECTABLE_VENDOR_STATUSES = [
  'draft',
  'pq_submitted',
  'pq_approved',
  'registration_pending',
] as const satisfies readonly VendorStatus[];

export class VendorCorrectionError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'STATE_CONFLICT' | 'NOT_CORRECTABLE',
    message: string,
  ) {
    super(message);
    this.name = 'VendorCorrectionError';
  }
}

/** Compare-and-set from the status the admin saw; the note and who did it go to the log. */
export async function correctVendorStatus(
  db: Db | Tx,
  input: { vendorId: number; from: VendorStatus; to: VendorStatus; note: string; actorId: string },
): Promise<{ vendorId: number; status: VendorStatus }> {
  const correctable = CORRECTABLE_VENDOR_STATUSES as readonly VendorStatus[];
  if (!correctable.includes(input.to) || !correctable.includes(input.from)) {
    throw new VendorCorrectionError(
      'NOT_CORRECTABLE',
      '정규업체·거래정지 상태는 결재로만 바뀝니다. 관리자 정정 대상이 아닙니다.',
    );
  }
  const [row] = await db
    .update(vendors)
    .set({ status: input.to })
    .where(and(eq(vendors.id, input.vendorId), eq(vendors.status, input.from)))
    .returning({ id: vendors.id, status: vendors.status });
  if (!row) {
    const [current] = await db
      .select({ status: vendors.status })
      .from(vendors)
      .where(eq(vendors.id, input.vendorId));
    if (!current) throw new VendorCorrectionError('NOT_FOUND', '협력업체를 찾을 수 없습니다.');
    throw new VendorCorrectionError(
      'STATE_CONFLICT',
      '업체 상태가 이미 바뀌었습니다. 새로고침 후 다시 시도하세요.',
    );
  }
  logger().info(
    { vendorId: input.vendorId, from: input.from, to: input.to, note: input.note, actor: input.actorId },
    'vendor status corrected by admin',
  );
  return { vendorId: row.id, status: row.status };
}
