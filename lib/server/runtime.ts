import { env, simulatorRefusal } from '@/lib/env';
import { processSingleton } from '@/lib/process-singleton';
import { startBackgroundServices } from './background-services';
import { exitOnStopSignals } from './shutdown';

/**
 * Server start-up, run from instrumentation.ts: validates the environment (a bad value stops the
 * server with one line naming it), makes sure a stop signal ends the process cleanly, and starts
 * the background services. Safe to call twice.
 */
export async function startServerRuntime(): Promise<void> {
  // Per process, not per module copy: Next and scripts/start.ts may each load this file.
  const runtime = processSingleton('server-runtime', () => ({ started: false }));
  if (runtime.started) return;
  runtime.started = true;
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
