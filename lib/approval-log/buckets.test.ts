import { describe, expect, it } from 'vitest';
import { PENDING_ACTION_STATUSES } from '@/db/schema';
import { KNOX_STATUS_CODES } from '@/lib/knox-api/approval';
import { APPROVAL_BUCKETS, approvalBucket, knoxStatusesOf } from './buckets';

describe('approvalBucket', () => {
  it('an approved document whose action failed is 실행 실패, not 승인됨', () => {
    expect(approvalBucket({ knoxStatus: 2, actionStatus: 'failed' })).toBe('failed');
    expect(approvalBucket({ knoxStatus: 2, actionStatus: 'executed' })).toBe('execute');
    expect(approvalBucket({ knoxStatus: 5, actionStatus: 'pending' })).toBe('execute');
  });

  it('otherwise follows what Knox decided; a document without an action too', () => {
    expect(approvalBucket({ knoxStatus: 1, actionStatus: 'pending' })).toBe('wait');
    expect(approvalBucket({ knoxStatus: 0, actionStatus: 'submit_unknown' })).toBe('wait');
    expect(approvalBucket({ knoxStatus: 3, actionStatus: 'rejected' })).toBe('reject');
    expect(approvalBucket({ knoxStatus: 4, actionStatus: 'expired' })).toBe('reject');
    expect(approvalBucket({ knoxStatus: 4, actionStatus: null })).toBe('reject');
  });

  it('puts every combination in exactly one bucket, and the Knox codes split without overlap', () => {
    for (const knoxStatus of KNOX_STATUS_CODES) {
      for (const actionStatus of [...PENDING_ACTION_STATUSES, null]) {
        expect(APPROVAL_BUCKETS).toContain(approvalBucket({ knoxStatus, actionStatus }));
      }
    }
    const split = (['wait', 'execute', 'reject'] as const).flatMap((outcome) => knoxStatusesOf(outcome));
    expect([...split].sort((a, b) => a - b)).toEqual([...KNOX_STATUS_CODES]);
  });
});
