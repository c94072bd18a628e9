import { closeDatabase } from '@/db';
import { processSingleton } from '@/lib/process-singleton';

type ShutdownTask = () => Promise<void> | void;

interface ShutdownState {
  tasks: ShutdownTask[];
  stopping?: Promise<void>;
  signalsHandled: boolean;
}

// Per process: scripts/start.ts (loaded by tsx) and Next's bundle of instrumentation.ts each get
// their own copy of this module, yet must share one list and stop once.
const state = processSingleton<ShutdownState>('shutdown', () => ({ tasks: [], signalsHandled: false }));

/** A stop signal ends the process within this, even if a task hangs (service managers allow ~10 s). */
export const STOP_DEADLINE_MS = 9_000;

/** Registers work to do before the process exits (stop schedulers, close listeners). */
export function onShutdown(task: ShutdownTask): void {
  state.tasks.push(task);
}

/** Runs the registered tasks, newest first, then closes the database: once, however often it is asked. */
export function stopServerRuntime(): Promise<void> {
  state.stopping ??= (async () => {
    for (const task of state.tasks.splice(0).reverse()) {
      try {
        await task();
      } catch (error) {
        console.error('[server] shutdown task failed:', error);
      }
    }
    try {
      await closeDatabase();
      console.log('[server] database closed');
    } catch (error) {
      console.error('[server] closing the database failed:', error);
    }
  })();
  return state.stopping;
}

/**
 * On SIGINT or SIGTERM: `beforeRuntime` (e.g. drain the HTTP server), then stopServerRuntime(),
 * then exit. Only the first caller installs the handlers: our HTTP server claims them before Next
 * runs instrumentation.ts, whose fallback then does nothing. Returns whether this call installed them.
 */
export function exitOnStopSignals(beforeRuntime: () => Promise<void> = async () => {}): boolean {
  if (state.signalsHandled) return false;
  state.signalsHandled = true;
  let received: string | undefined;
  const onSignal = (signal: NodeJS.Signals) => {
    if (received) {
      console.log(`[server] ${signal}: already stopping (${received})`);
      return;
    }
    received = signal;
    console.log(`[server] ${signal}: stopping`);
    setTimeout(() => {
      console.error(`[server] not stopped within ${STOP_DEADLINE_MS / 1000} s; exiting anyway`);
      process.exit(1);
    }, STOP_DEADLINE_MS).unref();
    beforeRuntime()
      .catch((error) => console.error('[server] stopping the HTTP server failed:', error))
      .then(stopServerRuntime)
      .then(() => {
        console.log('[server] stopped');
        process.exit(0);
      });
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return true;
}
