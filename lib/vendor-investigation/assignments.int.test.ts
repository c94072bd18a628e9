import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { pqSubmissions } from '@/db/schema';
import { checkSingleApprovalStatus } from '@/lib/approval';
import { KIM, setUpApprovalHarness } from '@/lib/approval/testing/domain-harness';
import { requestPqInvestigation } from './approval-actions';
import { listAssignedInvestigations } from './assignments';

const h = setUpApprovalHarness();

describe('내게 배정된 실사', () => {
  it('lists the investigations assigned to the QM person, and nobody else’s', async () => {
    const seeded = await listAssignedInvestigations(h.database.db, 'usr_lee');
    expect(seeded.length).toBeGreaterThan(0);
    expect(await listAssignedInvestigations(h.database.db, 'usr_han')).toEqual([]);

    const [pq] = await h.database.db
      .select()
      .from(pqSubmissions)
      .where(eq(pqSubmissions.submissionNo, 'PQ-2026-0101'));
    const result = await requestPqInvestigation(
      {
        pqSubmissionId: pq!.id,
        requestedStartDate: '2099-03-02',
        requestedEndDate: '2099-03-03',
        qmAssigneeId: 'usr_han',
        reason: '현장 확인',
      },
      KIM,
    );
    // Not assigned until Knox approves: the investigation exists only then.
    expect(await listAssignedInvestigations(h.database.db, 'usr_han')).toEqual([]);
    await h.approveAll(result.approvalId);
    await checkSingleApprovalStatus(result.approvalId);
    const mine = await listAssignedInvestigations(h.database.db, 'usr_han');
    expect(mine).toMatchObject([
      {
        apInfId: result.approvalId,
        vendorName: '(주)한빛정밀',
        submissionNo: 'PQ-2026-0101',
        kind: 'initial',
      },
    ]);
    expect(await listAssignedInvestigations(h.database.db, 'usr_lee')).toHaveLength(seeded.length);
  });
});
