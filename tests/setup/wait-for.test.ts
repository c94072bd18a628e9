import { afterEach, describe, expect, it } from 'vitest';
import { seededRandom } from './seeded-random';
import { WaitTimeoutError, waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns as soon as the condition holds', async () => {
    let reads = 0;
    await waitFor(() => ++reads === 3, { intervalMs: 1 });
    expect(reads).toBe(3);
  });

  it('fails naming what never happened, at its own time-out', async () => {
    const started = Date.now();
    const error = await waitFor(async () => false, { timeoutMs: 50, intervalMs: 5, what: 'the lock' }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect((error as Error).message).toBe('the lock did not happen within 50 ms');
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});

describe('seededRandom', () => {
  const previous = process.env.TEST_SEED;
  afterEach(() => {
    if (previous === undefined) delete process.env.TEST_SEED;
    else process.env.TEST_SEED = previous;
  });

  it('replays the same numbers for the same TEST_SEED', () => {
    process.env.TEST_SEED = '12345';
    const first = seededRandom('test');
    const second = seededRandom('test');
    expect(first.seed).toBe(12345);
    const draws = (random: typeof first) => Array.from({ length: 5 }, () => random.between(0, 1000));
    expect(draws(first)).toEqual(draws(second));
    expect(first.shuffle([1, 2, 3, 4, 5]).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  it('picks and reports a fresh seed without TEST_SEED', () => {
    delete process.env.TEST_SEED;
    const random = seededRandom('test');
    expect(Number.isInteger(random.seed)).toBe(true);
    const values = new Set(Array.from({ length: 200 }, () => random.between(3, 7)));
    expect([...values].sort()).toEqual([3, 4, 5, 6]);
  });
});
