import { describe, expect, it } from 'vitest';
import { fromKstParts, kstCompactDate, kstDate, kstParts, kstYear } from './kst';

describe('KST', () => {
  it('puts 15:00 UTC on the next Korean day, and the new year nine hours early', () => {
    expect(kstDate(new Date('2026-03-01T14:59:59Z'))).toBe('2026-03-01');
    expect(kstDate(new Date('2026-03-01T15:00:00Z'))).toBe('2026-03-02');
    expect(kstYear(new Date('2026-12-31T15:00:00Z'))).toBe(2027);
    expect(kstCompactDate(new Date('2026-12-31T14:00:00Z'))).toBe('20261231');
  });

  it('round-trips wall-clock fields', () => {
    const instant = new Date('2026-07-04T03:05:06Z');
    expect(kstParts(instant)).toEqual({ year: 2026, month: 7, day: 4, hour: 12, minute: 5, second: 6 });
    expect(fromKstParts(kstParts(instant)).toISOString()).toBe(instant.toISOString());
  });

  it('refuses an invalid date instead of printing NaN', () => {
    expect(() => kstDate(new Date('nope'))).toThrow(RangeError);
  });
});
