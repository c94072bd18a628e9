import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  formatDateTimeSeconds,
  fromKstParts,
  kstCompactDate,
  kstCompactDateTime,
  kstDate,
  kstParts,
  kstYear,
} from './kst';

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

describe('the one display format', () => {
  it('shows an instant as KST yyyy-MM-dd HH:mm whatever it arrives as', () => {
    const instant = '2026-12-01T19:50:07Z';
    expect(formatDateTime(instant)).toBe('2026-12-02 04:50');
    expect(formatDateTime(new Date(instant))).toBe('2026-12-02 04:50');
    expect(formatDateTime(Date.parse(instant))).toBe('2026-12-02 04:50');
    expect(formatDateTimeSeconds(instant)).toBe('2026-12-02 04:50:07');
    expect(formatDate(instant)).toBe('2026-12-02');
    expect(kstCompactDateTime(new Date(instant))).toBe('20261202045007');
  });

  it('uses 00 for midnight, not 24', () => {
    expect(formatDateTime('2026-12-01T15:00:00Z')).toBe('2026-12-02 00:00');
  });

  it('says nothing was there rather than printing Invalid Date', () => {
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime(undefined, '-')).toBe('-');
    expect(formatDateTime('not a date', '-')).toBe('-');
    expect(formatDate('')).toBe('—');
  });
});
