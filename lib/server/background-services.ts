import { onShutdown } from './runtime';

/** Long-running work of the server process: started once, after the environment is known good. */
export async function startBackgroundServices(): Promise<void> {
  const { initializeApprovalHandlers, startApprovalPollingScheduler, stopApprovalPollingScheduler } =
    await import('@/lib/approval');
  initializeApprovalHandlers();
  if (startApprovalPollingScheduler()) onShutdown(() => stopApprovalPollingScheduler());
}
