/**
 * Waits for a condition instead of sleeping for a guessed time: polls `condition` every
 * `intervalMs` until it returns true, and throws (naming `what`) when `timeoutMs` passes first, so a
 * test fails on its own assertion, long before Vitest's time-out, and says what never happened.
 */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  options: { timeoutMs?: number; intervalMs?: number; what?: string } = {},
): Promise<void> {
  const { timeoutMs = 10_000, intervalMs = 20, what = 'the condition' } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return;
    if (Date.now() >= deadline) throw new WaitTimeoutError(`${what} did not happen within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

export class WaitTimeoutError extends Error {
  override name = 'WaitTimeoutError';
}
