import { getDb } from '@/db';
import { countPendingActionsByStatus } from '@/lib/approval-log/queries';
import { metrics } from '@/lib/observability/metrics';
import { createSample } from '@/lib/observability/sample';

/**
 * How old the pending-actions gauge may be. The table is counted at most this often per instance,
 * however often (and by however many scrapers) /api/metrics is asked, so a scrape never costs the
 * database a COUNT of its own; every instance still reports the table, not its own view of it.
 */
export const PENDING_ACTIONS_MAX_AGE_MS = 30_000;

// Module scope is enough: only the metrics route renders them, from one bundle per process.
const pendingActions = createSample(
  async () => countPendingActionsByStatus(await getDb()),
  PENDING_ACTIONS_MAX_AGE_MS,
);

/** The Prometheus exposition of the process registry, the pending-actions gauge from its sample. */
export async function renderMetrics(): Promise<{ body: string; contentType: string }> {
  const registry = metrics();
  const counts = await pendingActions.get();
  for (const [status, value] of Object.entries(counts)) registry.pendingActions.set({ status }, value);
  return { body: await registry.registry.metrics(), contentType: registry.registry.contentType };
}
