import type { Db } from '@/db';
import { countPendingActionsByStatus } from '@/lib/approval-log/queries';
import { metrics } from '@/lib/observability/metrics';

/**
 * The Prometheus exposition of the process registry. The pending-actions gauge is a sample of the
 * table taken now, so every instance behind a load balancer reports the same numbers.
 */
export async function renderMetrics(db: Db): Promise<{ body: string; contentType: string }> {
  const registry = metrics();
  const counts = await countPendingActionsByStatus(db);
  for (const [status, value] of Object.entries(counts)) registry.pendingActions.set({ status }, value);
  return { body: await registry.registry.metrics(), contentType: registry.registry.contentType };
}
