/**
 * A value read at most once per `maxAgeMs`: callers within that time share the last reading, and
 * callers arriving while a reading is under way wait for that one instead of starting another.
 * A failed reading is not kept, so the next caller tries again.
 */
export function createSample<T>(read: () => Promise<T>, maxAgeMs: number, now: () => number = Date.now) {
  let last: { value: T; takenAt: number } | null = null;
  let pending: Promise<T> | null = null;
  return {
    get(): Promise<T> {
      if (last && now() - last.takenAt < maxAgeMs) return Promise.resolve(last.value);
      pending ??= read()
        .then((value) => {
          last = { value, takenAt: now() };
          return value;
        })
        .finally(() => {
          pending = null;
        });
      return pending;
    },
  };
}
