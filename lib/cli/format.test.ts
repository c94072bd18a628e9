import { describe, expect, it } from 'vitest';
import { formatTime } from './format';

describe('formatTime', () => {
  it('prints KST, the same clock as the pages, whatever zone the terminal is in', () => {
    expect(formatTime('2026-12-01T19:50:07Z')).toBe('2026-12-02 04:50:07');
  });

  it('prints - for nothing and the raw text for something unreadable', () => {
    expect(formatTime(null)).toBe('-');
    expect(formatTime('soon')).toBe('soon');
  });
});
