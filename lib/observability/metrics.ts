import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { processSingleton } from '@/lib/process-singleton';

/**
 * The app's Prometheus metrics, served by GET /api/metrics. One registry per process, kept on
 * processSingleton so hot reload and Next's separately bundled modules do not register a metric
 * twice.
 */
function createMetrics() {
  const registry = new Registry();
  const submissions = new Counter({
    name: 'approval_submissions_total',
    help: 'withApproval() calls by action type and outcome (submitted, refused, unknown, bypassed)',
    labelNames: ['action_type', 'outcome'] as const,
    registers: [registry],
  });
  const decisions = new Counter({
    name: 'approval_decisions_total',
    help: 'Knox decisions processed, by outcome (approved, rejected, withdrawn, expired, vanished)',
    labelNames: ['outcome'] as const,
    registers: [registry],
  });
  const executions = new Counter({
    name: 'approval_executions_total',
    help: 'Handler executions by action type and result (executed, failed)',
    labelNames: ['action_type', 'result'] as const,
    registers: [registry],
  });
  const pendingActions = new Gauge({
    name: 'approval_pending_actions',
    help: 'pending_actions rows by status (a sample at most 30 s old)',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const decisionSeconds = new Histogram({
    name: 'approval_decision_seconds',
    help: 'Time from Knox submission to the decision being processed',
    buckets: [10, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 3 * 24 * 3600, 7 * 24 * 3600, 30 * 24 * 3600],
    registers: [registry],
  });
  const knoxRequestSeconds = new Histogram({
    name: 'knox_request_duration_seconds',
    help: 'Knox API calls by endpoint and outcome (success, fail, http_error, unknown)',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 110],
    registers: [registry],
  });
  const knoxUnreadableStatusEntries = new Counter({
    name: 'knox_unreadable_status_entries_total',
    help: 'Entries of Knox status answers refused alone (unknown status code or unreadable shape); the document is asked again next cycle',
    registers: [registry],
  });
  const pollCycles = new Counter({
    name: 'approval_poll_cycles_total',
    help: 'Poller cycles by result (ok, error, skipped when another instance held the lease)',
    labelNames: ['result'] as const,
    registers: [registry],
  });
  const pollSeconds = new Histogram({
    name: 'approval_poll_duration_seconds',
    help: 'Duration of one poller cycle',
    buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  return {
    registry,
    submissions,
    decisions,
    executions,
    pendingActions,
    decisionSeconds,
    knoxRequestSeconds,
    knoxUnreadableStatusEntries,
    pollCycles,
    pollSeconds,
  };
}

export type Metrics = ReturnType<typeof createMetrics>;

export function metrics(): Metrics {
  return processSingleton('metrics', createMetrics);
}
