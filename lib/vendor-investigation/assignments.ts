import { desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { pqInvestigations, pqSubmissions, vendors } from '@/db/schema';

/** The investigations a QM person is assigned to (내게 배정된 실사), the latest first. */
export async function listAssignedInvestigations(db: Db | Tx, assigneeId: string) {
  return db
    .select({
      id: pqInvestigations.id,
      kind: pqInvestigations.kind,
      status: pqInvestigations.status,
      result: pqInvestigations.result,
      requestedStartDate: pqInvestigations.requestedStartDate,
      requestedEndDate: pqInvestigations.requestedEndDate,
      siteAddress: pqInvestigations.siteAddress,
      reason: pqInvestigations.reason,
      apInfId: pqInvestigations.apInfId,
      vendorId: vendors.id,
      vendorName: vendors.name,
      submissionNo: pqSubmissions.submissionNo,
    })
    .from(pqInvestigations)
    .innerJoin(vendors, eq(vendors.id, pqInvestigations.vendorId))
    .innerJoin(pqSubmissions, eq(pqSubmissions.id, pqInvestigations.pqSubmissionId))
    .where(eq(pqInvestigations.qmAssigneeId, assigneeId))
    .orderBy(desc(pqInvestigations.requestedStartDate), desc(pqInvestigations.id));
}

export type AssignedInvestigation = Awaited<ReturnType<typeof listAssignedInvestigations>>[number];
