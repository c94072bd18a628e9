import { describe, expect, it } from 'vitest';
import { KNOX_STATUS_CODES, knoxStatusOutcome } from '@/lib/knox-api/approval/codes';
import { isKnoxDecided, KNOX_CANCELLED_STATUS, KNOX_DECIDED_STATUSES, KNOX_SUBMITTED_STATUS } from './model';

// The engine's whole decision table: what happens to an action for each Knox document status.
describe('Knox status → engine outcome', () => {
  it.each([
    [-2, 'wait'],
    [-1, 'wait'],
    [0, 'wait'],
    [1, 'wait'],
    [2, 'execute'],
    [3, 'reject'],
    [4, 'reject'],
    [5, 'execute'],
    [6, 'execute'],
  ] as const)('status %i → %s', (status, outcome) => {
    expect(knoxStatusOutcome(status)).toBe(outcome);
  });

  it('covers every status code Knox has', () => {
    expect([...KNOX_STATUS_CODES].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3, 4, 5, 6]);
  });

  it('refuses a code outside the table instead of guessing', () => {
    expect(() => knoxStatusOutcome(7)).toThrow(RangeError);
    expect(() => knoxStatusOutcome(-3)).toThrow(RangeError);
  });
});

describe('the Knox statuses the engine names', () => {
  it('KNOX_DECIDED_STATUSES are exactly the statuses that execute or reject', () => {
    const decided = KNOX_STATUS_CODES.filter((code) => knoxStatusOutcome(code) !== 'wait');
    expect([...KNOX_DECIDED_STATUSES].sort()).toEqual([...decided].sort());
    for (const code of KNOX_STATUS_CODES) expect(isKnoxDecided(code)).toBe(decided.includes(code));
  });

  it('a new document is recorded open, and our own 상신취소 records a refusal', () => {
    expect(knoxStatusOutcome(KNOX_SUBMITTED_STATUS)).toBe('wait');
    expect(knoxStatusOutcome(KNOX_CANCELLED_STATUS)).toBe('reject');
  });
});
