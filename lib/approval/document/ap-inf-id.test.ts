import { describe, expect, it } from 'vitest';
import { apInfIdSchema } from '@/lib/knox-api/approval/schemas';
import { generateApInfId } from './ap-inf-id';

describe('generateApInfId', () => {
  it('is at most 32 characters that Knox accepts, starting with the KST time stamp', () => {
    const id = generateApInfId(new Date('2026-11-21T05:06:07Z'));
    expect(id.length).toBeLessThanOrEqual(32);
    expect(id).toMatch(/^AP20261121140607[0-9A-Z]{12}$/);
    expect(apInfIdSchema.safeParse(id).success).toBe(true);
  });

  it('carries the Korean date, which is already the next day from 15:00 UTC', () => {
    expect(generateApInfId(new Date('2026-12-01T19:50:00Z'))).toMatch(/^AP20261202045000/);
  });

  it('sorts by creation time', () => {
    const earlier = generateApInfId(new Date('2026-11-21T05:06:07Z'));
    const later = generateApInfId(new Date('2026-11-21T05:06:08Z'));
    expect(earlier < later).toBe(true);
  });

  it('does not repeat across many ids made in the same second', () => {
    const now = new Date();
    const ids = new Set(Array.from({ length: 20_000 }, () => generateApInfId(now)));
    expect(ids.size).toBe(20_000);
  });

  it('pads small random values to a fixed width', () => {
    const id = generateApInfId(new Date('2026-01-02T03:04:05Z'), (n) => Buffer.alloc(n));
    expect(id).toBe('AP20260102120405000000000000');
  });
});
