import { afterEach, vi } from 'vitest';

/**
 * An unexpected console.error fails the test it happened in. Tests that provoke one on purpose
 * call `expectConsoleError()` first.
 */
let expected = 0;
const unexpected: string[] = [];
const original = console.error.bind(console);

export function expectConsoleError(times = 1): void {
  expected += times;
}

vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
  if (expected > 0) {
    expected--;
    return;
  }
  unexpected.push(args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' '));
  original(...args);
});

afterEach(() => {
  expected = 0;
  if (unexpected.length > 0) {
    const messages = unexpected.splice(0);
    throw new Error(`Unexpected console.error:\n${messages.join('\n')}`);
  }
});
