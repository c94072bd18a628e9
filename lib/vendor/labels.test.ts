import { describe, expect, it } from 'vitest';
import {
  INVESTIGATION_RESULTS,
  INVESTIGATION_STATUSES,
  PQ_SUBMISSION_STATUSES,
  VENDOR_STATUSES,
} from '@/db/schema/vendors';
import { TONES } from '@/lib/tone';
import {
  INVESTIGATION_RESULT_LABELS,
  INVESTIGATION_RESULT_TONES,
  INVESTIGATION_STATUS_LABELS,
  PQ_STATUS_LABELS,
  VENDOR_STATUS_LABELS,
  VENDOR_STATUS_TONES,
} from './labels';

const keys = (table: object) => Object.keys(table).sort();

describe('vendor and PQ labels', () => {
  it('name every status of the schema, and nothing else', () => {
    expect(keys(VENDOR_STATUS_LABELS)).toEqual([...VENDOR_STATUSES].sort());
    expect(keys(VENDOR_STATUS_TONES)).toEqual([...VENDOR_STATUSES].sort());
    expect(keys(PQ_STATUS_LABELS)).toEqual([...PQ_SUBMISSION_STATUSES].sort());
    expect(keys(INVESTIGATION_STATUS_LABELS)).toEqual([...INVESTIGATION_STATUSES].sort());
    expect(keys(INVESTIGATION_RESULT_LABELS)).toEqual([...INVESTIGATION_RESULTS].sort());
    expect(keys(INVESTIGATION_RESULT_TONES)).toEqual([...INVESTIGATION_RESULTS].sort());
  });

  it('use only named tones', () => {
    for (const tone of [...Object.values(VENDOR_STATUS_TONES), ...Object.values(INVESTIGATION_RESULT_TONES)])
      expect(TONES).toContain(tone);
  });

  it('say 실사 결재중 while the 실사의뢰 waits for Knox, on the pages and in the documents alike', () => {
    expect(PQ_STATUS_LABELS.investigation_requested).toBe('실사 결재중');
  });
});
