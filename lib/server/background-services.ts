import {
  initializeApprovalHandlers,
  startApprovalPollingScheduler,
  stopApprovalPollingScheduler,
} from '@/lib/approval';
import { onShutdown } from './shutdown';

/** Long-running work of the server process: started once, after the environment is known good. */
export async function startBackgroundServices(): Promise<void> {
  initializeApprovalHandlers();
  if (startApprovalPollingScheduler()) {
    onShutdown(async () => {
      await stopApprovalPollingScheduler();
      console.log('[server] poller stopped');
    });
  }
}
