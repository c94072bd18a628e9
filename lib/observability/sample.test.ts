import { describe, expect, it } from 'vitest';
import { createSample } from './sample';

function counter() {
  let reads = 0;
  let fail = false;
  return {
    read: async () => {
      reads++;
      if (fail) throw new Error('database down');
      return reads;
    },
    reads: () => reads,
    failNext: (value: boolean) => {
      fail = value;
    },
  };
}

describe('createSample', () => {
  it('reads once for every caller within the maximum age, and again after it', async () => {
    let clock = 1_000;
    const source = counter();
    const sample = createSample(source.read, 30_000, () => clock);
    for (let scrape = 0; scrape < 5; scrape++) await expect(sample.get()).resolves.toBe(1);
    clock += 29_999;
    await expect(sample.get()).resolves.toBe(1);
    expect(source.reads()).toBe(1);
    clock += 1;
    await expect(sample.get()).resolves.toBe(2);
    expect(source.reads()).toBe(2);
  });

  it('lets callers arriving during a reading share it', async () => {
    const source = counter();
    const sample = createSample(source.read, 30_000, () => 0);
    const values = await Promise.all(Array.from({ length: 10 }, () => sample.get()));
    expect(values).toEqual(Array(10).fill(1));
    expect(source.reads()).toBe(1);
  });

  it('does not keep a failed reading: the next caller tries again', async () => {
    const source = counter();
    const sample = createSample(source.read, 30_000, () => 0);
    source.failNext(true);
    await expect(sample.get()).rejects.toThrow('database down');
    source.failNext(false);
    await expect(sample.get()).resolves.toBe(2);
  });
});
