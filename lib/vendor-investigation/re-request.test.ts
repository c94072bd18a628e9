import { describe, expect, it } from 'vitest';
import { investigationFormPath, investigationPrefill } from './re-request';

describe('PQ 실사의뢰 다시 요청', () => {
  const payload = {
    pqSubmissionId: 3,
    vendorId: 2,
    kind: 'initial',
    requestedStartDate: '2026-12-10',
    requestedEndDate: '2026-12-11',
    siteAddress: '경기도 화성시',
    reason: '현장 확인',
    qmAssigneeId: 'usr_lee',
    qmAssigneeName: '이품질',
    requestedBy: 'usr_kim',
    previousPqStatus: 'under_review',
  };

  it('fills the form with the business input and opens the form of the same kind and PQ', () => {
    expect(investigationPrefill(payload)).toEqual({
      requestedStartDate: '2026-12-10',
      requestedEndDate: '2026-12-11',
      siteAddress: '경기도 화성시',
      qmAssigneeId: 'usr_lee',
      reason: '현장 확인',
    });
    expect(investigationFormPath(payload)).toBe('/vendors/2/pq/3/investigation');
    expect(investigationFormPath({ ...payload, kind: 'rerequest' })).toBe('/vendors/2/pq/3/reinvestigation');
  });

  it('offers nothing for a payload that is not an investigation', () => {
    expect(investigationPrefill({ vendorId: 1 })).toBeNull();
    expect(investigationFormPath('x')).toBeNull();
  });
});
