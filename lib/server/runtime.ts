import { env, simulatorRefusal } from '@/lib/env';
import { startBackgroundServices } from './background-services';
import { exitOnStopSignals } from './shutdown';

const startedKey = Symbol.for('approval-portal.runtime.started');

/**
 * Server start-up, run from instrumentation.ts: validates the environment (a bad value stops the
 * server with one line naming it), makes sure a stop signal ends the process cleanly, and starts
 * the background services. Safe to call twice.
 */
export async function startServerRuntime(): Promise<void> {
  const holder = globalThis as Record<symbol, unknown>;
  if (holder[startedKey]) return;
  holder[startedKey] = true;
  let problem: string | undefined;
  try {
    problem = simulatorRefusal(env());
  } catch (error) {
    problem = (error as Error).message;
  }
  if (problem) {
    console.error(problem);
    process.exit(1);
  }

  // Under our own server (lib/server/http-server.ts) the signals are already claimed and this does
  // nothing; under `next dev` it is what closes the database on Ctrl-C.
  exitOnStopSignals();

  // Readiness must not wait for background services (poller, handler registry warm-up).
  void startBackgroundServices().catch((error) =>
    console.error('[server] background services failed to start:', error),
  );
}
