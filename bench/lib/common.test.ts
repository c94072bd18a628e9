import { describe, expect, it } from 'vitest';
import { combineRuns, type Figure, formatRatio, median } from './common';

const figure = (ratio: number, extra: Partial<Figure> = {}): Figure => ({
  name: 'engine vs baseline',
  value: ratio * 100,
  unit: 'docs/s',
  baseline: { name: 'baseline', value: 100, unit: 'docs/s' },
  ratio,
  target: '≥ 0.5',
  goal: { atLeast: 0.5 },
  ...extra,
});

describe('repeated benchmark runs', () => {
  it('median of odd and even counts', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it('a ratio target is judged on the median; the spread keeps the lowest and highest run', () => {
    // One run far below the target (a loaded machine) does not decide, the median does.
    const [combined] = combineRuns([[figure(0.48)], [figure(0.91)], [figure(0.8)]]);
    expect(combined).toMatchObject({
      ratio: 0.8,
      value: 80,
      met: true,
      spread: { min: 0.48, max: 0.91, runs: 3 },
    });
    expect(formatRatio(combined!, 2)).toBe('0.8 [0.48–0.91]');
    const [missed] = combineRuns([[figure(0.3)], [figure(0.91)], [figure(0.4)]]);
    expect(missed!.met).toBe(false);
  });

  it('a correctness figure (no goal) is met only when every run met it', () => {
    const exact = (met: boolean) => figure(1, { name: 'exactly once', goal: undefined, met });
    expect(combineRuns([[exact(true)], [exact(false)], [exact(true)]])[0]!.met).toBe(false);
    expect(combineRuns([[exact(true)], [exact(true)], [exact(true)]])[0]!.met).toBe(true);
  });

  it('refuses runs whose figures do not line up', () => {
    expect(() => combineRuns([[figure(1)], [figure(1, { name: 'other' })]])).toThrow(/other/);
  });
});
