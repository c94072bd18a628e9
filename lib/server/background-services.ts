import { startApprovalPollingScheduler, stopApprovalPollingScheduler } from '@/lib/approval';
import { registerApprovalFeatures } from './approval-features';
import { onShutdown } from './shutdown';

/** Long-running work of the server process: started once, after the environment is known good. */
export async function startBackgroundServices(): Promise<void> {
  registerApprovalFeatures();
  if (startApprovalPollingScheduler()) {
    onShutdown(async () => {
      await stopApprovalPollingScheduler();
      console.log('[server] poller stopped');
    });
  }
}
