import { describe, expect, it } from 'vitest';
import { type DatabaseHandle, setDatabase } from '@/db';
import { expectConsoleError } from '@/tests/setup/console-guard';
import { onShutdown, stopServerRuntime } from './shutdown';

describe('stopServerRuntime', () => {
  it('runs every task once, newest first, past a failing one, then closes the database', async () => {
    const steps: string[] = [];
    setDatabase({
      close: async () => {
        steps.push('database closed');
      },
    } as DatabaseHandle);
    onShutdown(() => {
      steps.push('poller stopped');
    });
    onShutdown(() => {
      throw new Error('listener already gone');
    });
    onShutdown(async () => {
      await new Promise((resolve) => setTimeout(resolve, 50));
      steps.push('build stopped');
    });
    expectConsoleError();

    // A second signal, or a second copy of this module (Next's bundle), asks again while the
    // first stop is under way: it must not return (and exit) before the database is closed.
    const first = stopServerRuntime();
    await stopServerRuntime();
    expect(steps).toEqual(['build stopped', 'poller stopped', 'database closed']);
    await first;
    await stopServerRuntime();
    expect(steps).toEqual(['build stopped', 'poller stopped', 'database closed']);
  });
});
