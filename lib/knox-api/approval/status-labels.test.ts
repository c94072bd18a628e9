import { describe, expect, it } from 'vitest';
import { TONES } from '@/lib/tone';
import {
  KNOX_LINE_STATUS,
  KNOX_STATUS,
  KNOX_STATUS_CODES,
  KNOX_STATUS_LABELS,
  knoxStatusOutcome,
} from './codes';
import { KNOX_LINE_STATUS_TONES, KNOX_STATUS_TONES, knoxStatusLabel, knoxStatusTone } from './status-labels';

describe('Knox status labels and tones', () => {
  it('cover every document status code, -2..6', () => {
    expect([...KNOX_STATUS_CODES].sort()).toEqual(Object.values(KNOX_STATUS).sort());
    for (const code of KNOX_STATUS_CODES) {
      expect(knoxStatusLabel(code)).toBe(KNOX_STATUS_LABELS[code]);
      expect(TONES).toContain(KNOX_STATUS_TONES[code]);
    }
    expect(Object.keys(KNOX_STATUS_TONES)).toHaveLength(KNOX_STATUS_CODES.length);
  });

  it('colour every executed status as success, 전결 included', () => {
    for (const code of KNOX_STATUS_CODES) {
      if (knoxStatusOutcome(code) === 'execute') expect(knoxStatusTone(code)).toBe('success');
    }
    expect(knoxStatusTone(KNOX_STATUS.ARBITRARY_COMPLETED)).toBe('success');
  });

  it('show an undocumented code as a code, in a neutral tone', () => {
    expect(knoxStatusLabel(7)).toBe('코드 7');
    expect(knoxStatusTone(7)).toBe('neutral');
  });

  it('colour every approval-line status', () => {
    for (const code of Object.values(KNOX_LINE_STATUS)) expect(TONES).toContain(KNOX_LINE_STATUS_TONES[code]);
  });
});
