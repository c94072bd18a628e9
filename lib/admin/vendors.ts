import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import {
  type PendingActionStatus,
  pendingActions,
  pqSubmissions,
  type VendorStatus,
  vendors,
} from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/record';
import {
  CORRECTABLE_VENDOR_STATUSES,
  type CorrectionEvidence,
  correctionRefusal,
} from './vendor-correction-rules';

export const VENDOR_STATUS_CORRECTED = 'vendor_status_corrected';
export const vendorAuditSubject = (vendorId: number) => `vendor:${vendorId}`;

/** A registration document whose action is still on its way: the vendor is rightly waiting for it. */
const OPEN_REGISTRATION_STATUSES = [
  'pending',
  'submit_unknown',
  'executing',
  'failed',
] as const satisfies readonly PendingActionStatus[];

export async function readCorrectionEvidence(db: Db | Tx, vendorId: number): Promise<CorrectionEvidence> {
  const [pq] = await db
    .select({
      total: sql<number>`count(*)::int`,
      approved: sql<number>`count(*) filter (where ${pqSubmissions.status} = 'approved')::int`,
    })
    .from(pqSubmissions)
    .where(eq(pqSubmissions.vendorId, vendorId));
  const [registrations] = await db
    .select({ open: sql<number>`count(*)::int` })
    .from(pendingActions)
    .where(
      and(
        eq(pendingActions.actionType, 'vendor_regular_registration'),
        inArray(pendingActions.status, OPEN_REGISTRATION_STATUSES),
        sql`(${pendingActions.actionPayload} ->> 'vendorId') = ${String(vendorId)}`,
      ),
    );
  return {
    pqSubmissions: Number(pq?.total ?? 0),
    approvedPqSubmissions: Number(pq?.approved ?? 0),
    openRegistrations: Number(registrations?.open ?? 0),
  };
}

export class VendorCorrectionError extends Error {
  constructor(
    readonly code: 'NOT_FOUND' | 'STATE_CONFLICT' | 'NOT_CORRECTABLE' | 'NOT_SUPPORTED',
    message: string,
  ) {
    super(message);
    this.name = 'VendorCorrectionError';
  }
}

export interface VendorCorrectionInput {
  vendorId: number;
  from: VendorStatus;
  to: VendorStatus;
  note: string;
  actorId: string;
  clientAddress?: string | null;
}

/**
 * Compare-and-set from the status the admin saw, to a state the vendor's records support; the
 * change and its audit event (who, note, before → after) are written in one transaction.
 */
export async function correctVendorStatus(
  db: Db,
  input: VendorCorrectionInput,
): Promise<{ vendorId: number; status: VendorStatus }> {
  const correctable = CORRECTABLE_VENDOR_STATUSES as readonly VendorStatus[];
  if (!correctable.includes(input.to) || !correctable.includes(input.from)) {
    throw new VendorCorrectionError(
      'NOT_CORRECTABLE',
      '정규업체·거래정지 상태는 결재로만 바뀝니다. 관리자 정정 대상이 아닙니다.',
    );
  }
  if (input.to === input.from) {
    throw new VendorCorrectionError('NOT_CORRECTABLE', '현재 상태와 같은 상태로는 정정할 수 없습니다.');
  }
  return db.transaction(async (tx) => {
    // The row lock keeps a second correction (or an approval's move) from interleaving with this one.
    const [current] = await tx
      .select({ status: vendors.status, name: vendors.name })
      .from(vendors)
      .where(eq(vendors.id, input.vendorId))
      .for('update');
    if (!current) throw new VendorCorrectionError('NOT_FOUND', '협력업체를 찾을 수 없습니다.');
    if (current.status !== input.from) {
      throw new VendorCorrectionError(
        'STATE_CONFLICT',
        '업체 상태가 이미 바뀌었습니다. 새로고침 후 다시 시도하세요.',
      );
    }
    const refusal = correctionRefusal(input.to, await readCorrectionEvidence(tx, input.vendorId));
    if (refusal) throw new VendorCorrectionError('NOT_SUPPORTED', refusal);
    const [row] = await tx
      .update(vendors)
      .set({ status: input.to })
      .where(and(eq(vendors.id, input.vendorId), eq(vendors.status, input.from)))
      .returning({ id: vendors.id, status: vendors.status });
    await recordAuditEvent(tx, {
      kind: VENDOR_STATUS_CORRECTED,
      actorId: input.actorId,
      subject: vendorAuditSubject(input.vendorId),
      clientAddress: input.clientAddress ?? null,
      detail: { vendorName: current.name, from: input.from, to: input.to, note: input.note },
    });
    return { vendorId: row!.id, status: row!.status };
  });
}
