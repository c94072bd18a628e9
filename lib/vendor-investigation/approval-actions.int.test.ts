import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { approvalLogs, pendingActions, pqInvestigations, pqSubmissions } from '@/db/schema';
import { ApprovalInputError, checkSingleApprovalStatus, MissingEpIdError } from '@/lib/approval';
import { KIM, setUpApprovalHarness } from '@/lib/approval/testing/domain-harness';
import { requestPqInvestigation, reRequestPqInvestigation } from './approval-actions';

const h = setUpApprovalHarness();

async function pqByNo(no: string) {
  const [row] = await h.database.db.select().from(pqSubmissions).where(eq(pqSubmissions.submissionNo, no));
  return row!;
}

const input = (pqSubmissionId: number, overrides: Record<string, unknown> = {}) => ({
  pqSubmissionId,
  requestedStartDate: '2099-12-01',
  requestedEndDate: '2099-12-03',
  qmAssigneeId: 'usr_lee',
  reason: '서류심사 적격 <82점>',
  ...overrides,
});

describe('PQ 실사의뢰', () => {
  it('approved: creates the investigation keyed by the Knox id, assigns the QM, PQ in progress', async () => {
    const pq = await pqByNo('PQ-2026-0101');
    const result = await requestPqInvestigation(input(pq.id), KIM);
    expect(result.warnings).toEqual([]);
    expect((await pqByNo('PQ-2026-0101')).status).toBe('investigation_requested');
    const [doc] = await h.database.db
      .select()
      .from(approvalLogs)
      .where(eq(approvalLogs.apInfId, result.approvalId));
    expect(doc!.content).toContain('(주)한빛정밀');
    expect(doc!.content).toContain('서류심사 적격 &lt;82점&gt;');
    expect(doc!.content).toContain('품질경영체계');
    expect(doc!.content).not.toContain('{{');

    // A second request for the same PQ while the first is open is refused.
    await expect(requestPqInvestigation(input(pq.id), KIM)).rejects.toThrow(ApprovalInputError);

    await h.approveAll(result.approvalId);
    await checkSingleApprovalStatus(result.approvalId);
    const investigations = await h.database.db
      .select()
      .from(pqInvestigations)
      .where(eq(pqInvestigations.apInfId, result.approvalId));
    expect(investigations).toHaveLength(1);
    expect(investigations[0]).toMatchObject({
      pqSubmissionId: pq.id,
      kind: 'initial',
      qmAssigneeId: 'usr_lee',
      qmAssigneeName: '이품질',
      requestedStartDate: '2099-12-01',
      status: 'requested',
    });
    expect((await pqByNo('PQ-2026-0101')).status).toBe('investigation_in_progress');
  });

  it('rejected: the PQ goes back to where it was and no investigation exists', async () => {
    const pq = await pqByNo('PQ-2026-0102');
    const result = await requestPqInvestigation(input(pq.id), KIM);
    await h.act(result.approvalId, 'A2001', 'reject', '일정 재검토');
    await checkSingleApprovalStatus(result.approvalId);
    expect((await pqByNo('PQ-2026-0102')).status).toBe('submitted');
    expect(
      await h.database.db
        .select()
        .from(pqInvestigations)
        .where(eq(pqInvestigations.apInfId, result.approvalId)),
    ).toHaveLength(0);
  });

  it('bad input and a requester without an EP ID change nothing', async () => {
    const pq = await pqByNo('PQ-2026-0102');
    const count = async () => (await h.database.db.select().from(pendingActions)).length;
    const before = await count();
    await expect(
      requestPqInvestigation(input(pq.id, { requestedEndDate: '2099-11-30' }), KIM),
    ).rejects.toThrow(/종료 희망일/);
    await expect(
      requestPqInvestigation(input(pq.id, { requestedStartDate: '2099-02-30' }), KIM),
    ).rejects.toThrow(ApprovalInputError);
    await expect(requestPqInvestigation(input(pq.id, { qmAssigneeId: 'nobody' }), KIM)).rejects.toThrow(
      ApprovalInputError,
    );
    // Only QM staff may be assigned, and never a day already gone.
    await expect(requestPqInvestigation(input(pq.id, { qmAssigneeId: 'usr_choi' }), KIM)).rejects.toThrow(
      'QM 담당자는 품질경영팀 직원이어야 합니다: 최팀장 (구매팀)',
    );
    await expect(
      requestPqInvestigation(input(pq.id, { requestedStartDate: '2020-01-01' }), KIM),
    ).rejects.toThrow('지난 날짜입니다');
    await expect(requestPqInvestigation(input(999_999), KIM)).rejects.toThrow(ApprovalInputError);
    await expect(requestPqInvestigation(input(pq.id, { approvers: ['E1002'] }), KIM)).rejects.toThrow(
      '결재선 규칙에 없는 사람은 합의·통보로만 추가할 수 있습니다',
    );
    await expect(requestPqInvestigation(input(pq.id), { id: 'usr_park', epId: null })).rejects.toThrow(
      MissingEpIdError,
    );
    expect(await count()).toBe(before);
    expect((await pqByNo('PQ-2026-0102')).status).toBe('submitted');
  });
});

describe('PQ 실사 재의뢰', () => {
  it('only for a PQ whose last investigation was conditional_pass or fail; approved → a rerequest investigation', async () => {
    const passed = await pqByNo('PQ-2025-0318');
    await expect(reRequestPqInvestigation(input(passed.id), KIM)).rejects.toThrow(ApprovalInputError);

    const pq = await pqByNo('PQ-2026-0087');
    const result = await reRequestPqInvestigation(input(pq.id, { reason: '보완 완료' }), KIM);
    const [doc] = await h.database.db
      .select()
      .from(approvalLogs)
      .where(eq(approvalLogs.apInfId, result.approvalId));
    expect(doc!.content).toContain('조건부 적합');
    expect(doc!.content).toContain('도장 공정 품질관리 기준서 미흡');
    expect((await pqByNo('PQ-2026-0087')).status).toBe('investigation_requested');

    await h.approveAll(result.approvalId);
    await checkSingleApprovalStatus(result.approvalId);
    const [investigation] = await h.database.db
      .select()
      .from(pqInvestigations)
      .where(eq(pqInvestigations.apInfId, result.approvalId));
    expect(investigation).toMatchObject({ kind: 'rerequest', reason: '보완 완료', pqSubmissionId: pq.id });
    expect((await pqByNo('PQ-2026-0087')).status).toBe('investigation_in_progress');
  });
});
