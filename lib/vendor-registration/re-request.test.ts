import { describe, expect, it } from 'vitest';
import { registrationFormPath, registrationPrefill } from './re-request';

describe('정규업체 등록 다시 요청', () => {
  const payload = {
    vendorId: 7,
    reason: '공급선 확보',
    items: ['커넥터'],
    requestedBy: 'usr_kim',
    previousStatus: 'pq_approved',
  };

  it('fills the form with the business input only and opens the same vendor form', () => {
    expect(registrationPrefill(payload)).toEqual({ reason: '공급선 확보', items: ['커넥터'] });
    expect(registrationFormPath(payload)).toBe('/vendors/7/register');
  });

  it('offers nothing for a payload that is not a registration', () => {
    expect(registrationPrefill({ label: 'x' })).toBeNull();
    expect(registrationFormPath(null)).toBeNull();
  });
});
