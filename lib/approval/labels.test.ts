import { describe, expect, it } from 'vitest';
import { PENDING_ACTION_STATUSES } from '@/db/schema/knox/pending-actions';
import { TONES } from '@/lib/tone';
import { ACTION_STATUS_LABELS, ACTION_STATUS_TONES, actionStatusLabel } from './labels';

describe('action status labels', () => {
  it('name and colour every status of the schema, and nothing else', () => {
    expect(Object.keys(ACTION_STATUS_LABELS).sort()).toEqual([...PENDING_ACTION_STATUSES].sort());
    expect(Object.keys(ACTION_STATUS_TONES).sort()).toEqual([...PENDING_ACTION_STATUSES].sort());
    for (const status of PENDING_ACTION_STATUSES) {
      expect(ACTION_STATUS_LABELS[status]).toMatch(/\S/);
      expect(TONES).toContain(ACTION_STATUS_TONES[status]);
    }
  });

  it('give each status its own label', () => {
    expect(new Set(Object.values(ACTION_STATUS_LABELS)).size).toBe(PENDING_ACTION_STATUSES.length);
  });

  it('show a status from outside the schema as it came', () => {
    expect(actionStatusLabel('rejected')).toBe('반려 처리');
    expect(actionStatusLabel('someday')).toBe('someday');
    expect(actionStatusLabel('toString')).toBe('toString');
  });
});
