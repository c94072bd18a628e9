/**
 * Randomness a failing run can replay: the seed comes from TEST_SEED (or a fresh one), and is
 * printed with the test's name so the log of a failed run says how to run it again.
 */
export interface SeededRandom {
  seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [low, high). */
  between(low: number, high: number): number;
  shuffle<T>(items: readonly T[]): T[];
}

export function seededRandom(label: string): SeededRandom {
  const fromEnv = process.env.TEST_SEED ? Number(process.env.TEST_SEED) : Number.NaN;
  const seed = Number.isInteger(fromEnv) ? fromEnv >>> 0 : Math.floor(Math.random() * 2 ** 32);
  console.info(`[${label}] random seed ${seed} (replay with TEST_SEED=${seed})`);
  // mulberry32: tiny, fast, and good enough to place kills and order decisions.
  let state = seed;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const between = (low: number, high: number) => low + Math.floor(next() * (high - low));
  return {
    seed,
    next,
    between,
    shuffle(items) {
      const copy = [...items];
      for (let index = copy.length - 1; index > 0; index--) {
        const other = between(0, index + 1);
        [copy[index], copy[other]] = [copy[other]!, copy[index]!];
      }
      return copy;
    },
  };
}
