import { describe, expect, it } from 'vitest';
import { assertScheduleNotPast } from './schedule';

describe('assertScheduleNotPast', () => {
  it('allows today and later (KST), refuses an earlier day with a Korean message', () => {
    expect(() => assertScheduleNotPast({ requestedStartDate: '2026-12-02' }, '2026-12-02')).not.toThrow();
    expect(() => assertScheduleNotPast({ requestedStartDate: '2027-01-01' }, '2026-12-02')).not.toThrow();
    expect(() => assertScheduleNotPast({ requestedStartDate: '2026-12-01' }, '2026-12-02')).toThrow(
      '실사 시작 희망일은 오늘(2026-12-02) 이후여야 합니다: 2026-12-01은(는) 지난 날짜입니다',
    );
  });

  it('takes today in KST by default', () => {
    expect(() => assertScheduleNotPast({ requestedStartDate: '2000-01-01' })).toThrow('지난 날짜입니다');
  });
});
