import { closeDatabase } from '@/db';
import { env } from '@/lib/env';

type ShutdownTask = () => Promise<void> | void;

interface RuntimeState {
  started: boolean;
  shutdownTasks: ShutdownTask[];
}

const stateKey = Symbol.for('approval-portal.runtime');
const state: RuntimeState = ((globalThis as Record<symbol, unknown>)[stateKey] as
  | RuntimeState
  | undefined) ?? {
  started: false,
  shutdownTasks: [],
};
(globalThis as Record<symbol, unknown>)[stateKey] = state;

/** Registers work to do before the process exits (stop schedulers, close listeners). */
export function onShutdown(task: ShutdownTask): void {
  state.shutdownTasks.push(task);
}

/**
 * Server start-up, run from instrumentation.ts: validates the environment (a bad value stops the
 * server with one line naming it) and installs the clean-shutdown handlers. Safe to call twice.
 */
export async function startServerRuntime(): Promise<void> {
  if (state.started) return;
  state.started = true;
  try {
    env();
  } catch (error) {
    console.error((error as Error).message);
    process.exit(1);
  }

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[server] ${signal}: shutting down`);
    for (const task of state.shutdownTasks.reverse()) {
      try {
        await task();
      } catch (error) {
        console.error('[server] shutdown task failed:', error);
      }
    }
    await closeDatabase().catch((error) => console.error('[server] closing the database failed:', error));
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));

  const { startBackgroundServices } = await import('./background-services');
  // Readiness must not wait for background services (poller, handler registry warm-up).
  void startBackgroundServices().catch((error) =>
    console.error('[server] background services failed to start:', error),
  );
}
