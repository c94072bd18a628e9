import { and, eq, inArray } from 'drizzle-orm';
import { type PqSubmissionStatus, pqInvestigations, pqSubmissions } from '@/db/schema';
import { type ActionContext, type ApprovalActionHandler, ApprovalStateConflictError } from '@/lib/approval';

/** What a PQ 실사의뢰 (or 재의뢰) carries from the request to its execution. */
export interface PqInvestigationPayload {
  pqSubmissionId: number;
  vendorId: number;
  kind: 'initial' | 'rerequest';
  requestedStartDate: string;
  requestedEndDate: string;
  siteAddress: string;
  reason: string;
  qmAssigneeId: string;
  qmAssigneeName: string;
  requestedBy: string;
  /** The PQ's status before the request; compensate puts it back. */
  previousPqStatus: PqSubmissionStatus;
}

interface PqInvestigationResult {
  investigationId: number;
  pqSubmissionId: number;
  qmAssigneeId: string;
}

/** Marks the PQ as waiting for the decision, so a second request for it is refused meanwhile. */
async function prepare(payload: PqInvestigationPayload, { tx }: ActionContext): Promise<void> {
  const [row] = await tx
    .update(pqSubmissions)
    .set({ status: 'investigation_requested' })
    .where(
      and(eq(pqSubmissions.id, payload.pqSubmissionId), eq(pqSubmissions.status, payload.previousPqStatus)),
    )
    .returning({ id: pqSubmissions.id });
  if (!row) {
    throw new ApprovalStateConflictError(
      'PQ 상태가 바뀌었거나 이미 실사의뢰가 진행 중입니다. 새로고침 후 다시 시도하세요.',
    );
  }
}

/**
 * Approved: creates the investigation (one per Knox document: the apInfId is unique, so a second
 * run finds the first one's row), assigns the QM and puts the PQ in progress.
 */
async function execute(
  payload: PqInvestigationPayload,
  { tx, apInfId }: ActionContext,
): Promise<PqInvestigationResult> {
  const inserted = await tx
    .insert(pqInvestigations)
    .values({
      pqSubmissionId: payload.pqSubmissionId,
      vendorId: payload.vendorId,
      apInfId,
      kind: payload.kind,
      requestedStartDate: payload.requestedStartDate,
      requestedEndDate: payload.requestedEndDate,
      siteAddress: payload.siteAddress,
      reason: payload.reason,
      qmAssigneeId: payload.qmAssigneeId,
      qmAssigneeName: payload.qmAssigneeName,
      status: 'requested',
      requestedBy: payload.requestedBy,
    })
    .onConflictDoNothing({ target: pqInvestigations.apInfId })
    .returning({ id: pqInvestigations.id });
  const investigationId =
    inserted[0]?.id ??
    (
      await tx
        .select({ id: pqInvestigations.id })
        .from(pqInvestigations)
        .where(eq(pqInvestigations.apInfId, apInfId))
    )[0]!.id;
  const [pq] = await tx
    .update(pqSubmissions)
    .set({ status: 'investigation_in_progress' })
    .where(
      and(
        eq(pqSubmissions.id, payload.pqSubmissionId),
        inArray(pqSubmissions.status, ['investigation_requested', 'investigation_in_progress']),
      ),
    )
    .returning({ id: pqSubmissions.id });
  if (!pq)
    throw new Error(
      `PQ ${payload.pqSubmissionId}의 상태가 실사의뢰 대기가 아니어서 실사를 시작할 수 없습니다`,
    );
  return { investigationId, pqSubmissionId: payload.pqSubmissionId, qmAssigneeId: payload.qmAssigneeId };
}

/** Not approved (or refused, withdrawn, expired): the PQ goes back to where it was. */
async function compensate(payload: PqInvestigationPayload, { tx }: ActionContext): Promise<void> {
  await tx
    .update(pqSubmissions)
    .set({ status: payload.previousPqStatus })
    .where(
      and(eq(pqSubmissions.id, payload.pqSubmissionId), eq(pqSubmissions.status, 'investigation_requested')),
    );
}

/** One handler for both 실사의뢰 and 재의뢰: the payload's `kind` tells them apart. */
export const pqInvestigationHandler: ApprovalActionHandler<PqInvestigationPayload> = {
  prepare,
  execute,
  compensate,
};
