import { Gauge } from 'prom-client';
import { metrics } from '@/lib/observability/metrics';

const NAME = 'approval_agent_waiting_calls';

/**
 * MCP tool calls now holding for a Knox decision. Registered in the app's one registry on first
 * use; looked up by name so Next's separately bundled modules share it.
 */
export function agentWaitingCalls(): Gauge<'tool'> {
  const { registry } = metrics();
  const existing = registry.getSingleMetric(NAME) as Gauge<'tool'> | undefined;
  return (
    existing ??
    new Gauge({
      name: NAME,
      help: 'MCP tool calls waiting for a Knox decision right now, by tool',
      labelNames: ['tool'] as const,
      registers: [registry],
    })
  );
}
