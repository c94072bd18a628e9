import { describe, expect, it } from 'vitest';
import { formatKnoxShort, formatKnoxTime } from './labels';

describe('Knox times on the simulator pages', () => {
  it('read in the portal format', () => {
    expect(formatKnoxTime('20261202045007')).toBe('2026-12-02 04:50');
    expect(formatKnoxTime(null)).toBe('—');
    expect(formatKnoxTime('2026')).toBe('—');
  });

  it('show the time for today (in Korea) and the date otherwise', () => {
    const now = new Date('2026-12-01T19:00:00Z'); // 2026-12-02 04:00 KST
    expect(formatKnoxShort('20261202035900', now)).toBe('03:59');
    expect(formatKnoxShort('20261201235900', now)).toBe('2026-12-01');
  });
});
