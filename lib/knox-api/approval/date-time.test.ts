import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatKnoxDateTime, parseKnoxDateTime, tryParseKnoxDateTime } from './date-time';

describe('formatKnoxDateTime', () => {
  it('writes yyyyMMddHHmmss in GMT+9', () => {
    expect(formatKnoxDateTime(new Date('2026-11-21T03:04:05Z'))).toBe('20261121120405');
  });

  it('rolls over to the next day in Korea when it is still the evening in UTC', () => {
    expect(formatKnoxDateTime(new Date('2026-12-31T15:00:00Z'))).toBe('20270101000000');
    expect(formatKnoxDateTime(new Date('2026-02-28T23:59:59Z'))).toBe('20260301085959');
  });

  it('does not depend on the host time zone', () => {
    const date = new Date('2026-06-30T14:59:59.999Z');
    const original = process.env.TZ;
    try {
      process.env.TZ = 'America/Los_Angeles';
      const inLosAngeles = formatKnoxDateTime(date);
      process.env.TZ = 'Asia/Kolkata';
      expect(formatKnoxDateTime(date)).toBe(inLosAngeles);
      expect(inLosAngeles).toBe('20260630235959');
    } finally {
      process.env.TZ = original;
    }
  });

  it('refuses an invalid date', () => {
    expect(() => formatKnoxDateTime(new Date('nope'))).toThrow(RangeError);
  });
});

describe('parseKnoxDateTime', () => {
  it('reads GMT+9 back to the same instant', () => {
    expect(parseKnoxDateTime('20270101000000').toISOString()).toBe('2026-12-31T15:00:00.000Z');
    expect(parseKnoxDateTime(20261121120405).toISOString()).toBe('2026-11-21T03:04:05.000Z');
  });

  it('round-trips with formatKnoxDateTime', () => {
    const date = new Date('2026-03-01T00:00:01Z');
    expect(parseKnoxDateTime(formatKnoxDateTime(date)).getTime()).toBe(date.getTime());
  });

  it.each(['', '2026112112040', '20261121 120405', '20260231120000', '20261121246000', 'abcdefghijklmn'])(
    'refuses %j',
    (value) => {
      expect(() => parseKnoxDateTime(value)).toThrow(RangeError);
    },
  );
});

describe('tryParseKnoxDateTime', () => {
  it('reads what parseKnoxDateTime reads', () => {
    expect(tryParseKnoxDateTime('20270101000000')?.toISOString()).toBe('2026-12-31T15:00:00.000Z');
  });

  it.each([null, undefined, '', '20260231120000', 'abcdefghijklmn'])('gives undefined for %j', (value) => {
    expect(tryParseKnoxDateTime(value)).toBeUndefined();
  });
});

describe('properties', () => {
  const instants = fc.date({
    min: new Date('1990-01-01T00:00:00Z'),
    max: new Date('2090-12-31T23:59:59Z'),
    noInvalidDate: true,
  });

  it('formatting then parsing gives back the instant, to the second', () => {
    fc.assert(
      fc.property(instants, (date) => {
        const text = formatKnoxDateTime(date);
        expect(text).toMatch(/^\d{14}$/);
        expect(parseKnoxDateTime(text).getTime()).toBe(Math.floor(date.getTime() / 1000) * 1000);
      }),
    );
  });

  it('Knox time stamps sort like the instants they stand for', () => {
    fc.assert(
      fc.property(instants, instants, (a, b) => {
        const [x, y] = [formatKnoxDateTime(a), formatKnoxDateTime(b)];
        const seconds = (date: Date) => Math.floor(date.getTime() / 1000);
        expect(Math.sign(x.localeCompare(y))).toBe(Math.sign(seconds(a) - seconds(b)));
      }),
    );
  });
});
