/**
 * Benchmark 3 — submission. N concurrent withApproval() calls (one engine process, all N started at
 * once) against the simulator on PostgreSQL, against a bare loop in the same process with the same
 * concurrency: one INSERT plus one Knox submit of the same document per request. Run bare → engine →
 * bare; the baseline is the mean of the two bare runs.
 */
import { startWorkerChild } from './lib/child';
import {
  BENCH_ROOT,
  type BenchContext,
  type BenchResult,
  type Figure,
  log,
  quantile,
  round,
  scaled,
} from './lib/common';
import { createWorld } from './lib/world';

const ACTION_TYPE = 'bench_trivial';
const POOL_SIZE = 10;

export async function run(
  context: BenchContext,
): Promise<Omit<BenchResult, 'startedAt' | 'finishedAt' | 'machine' | 'scale'>> {
  const requests = scaled(1000, context.scale, 20);
  const world = await createWorld('submission', { poolSize: POOL_SIZE, knoxTimeoutMs: 60_000 });
  const child = startWorkerChild(`${BENCH_ROOT}/workers/engine-worker.ts`);
  try {
    const [approver] = await world.sql<{ id: string; ep_id: string; email: string }[]>`
      select id, ep_id, email from users where ep_id = ${world.approverEpId}`;
    child.send({
      type: 'init',
      url: world.url,
      knoxUrl: world.sim.url,
      poolSize: POOL_SIZE,
      actionType: ACTION_TYPE,
      mode: 'bench',
      knoxTimeoutMs: 60_000,
    });
    await child.next('ready', 120_000);
    const common = { count: requests, concurrency: requests, requester: world.requester };
    const bareMessage = {
      ...common,
      type: 'bare-submit',
      approver: { id: approver!.id, epId: approver!.ep_id, email: approver!.email },
    };

    log(`[submission] bare loop: ${requests} × (INSERT + Knox submit)`);
    child.send(bareMessage);
    const bareBefore = await child.next('bare-submitted');
    log(`[submission] ${requests} concurrent withApproval() calls`);
    child.send({ ...common, type: 'submit', approverEpId: world.approverEpId });
    const engine = await child.next('submitted');
    log(`[submission] bare loop again`);
    child.send(bareMessage);
    const bareAfter = await child.next('bare-submitted');

    const engineSeconds = Number(engine.seconds);
    const engineRate = requests / engineSeconds;
    const bareRate = requests / ((Number(bareBefore.seconds) + Number(bareAfter.seconds)) / 2);
    const latencies = engine.latencies as number[];
    const bareLatencies = [...(bareBefore.latencies as number[]), ...(bareAfter.latencies as number[])];
    const errors = Number(engine.errorCount);
    const [rows] = await world.sql<{ actions: number; pending: number; knox: number }[]>`
      select (select count(*)::int from pending_actions where action_type = ${ACTION_TYPE}) as actions,
             (select count(*)::int from pending_actions where action_type = ${ACTION_TYPE} and status = 'pending') as pending,
             (select count(*)::int from knox_sim_documents d join pending_actions a using (ap_inf_id)
                where a.action_type = ${ACTION_TYPE}) as knox`;
    const ratio = engineRate / bareRate;
    const figures: Figure[] = [
      {
        name: 'withApproval() throughput vs bare INSERT + submit',
        value: engineRate,
        unit: 'req/s',
        baseline: { name: 'bare INSERT + Knox submit', value: bareRate, unit: 'req/s' },
        ratio,
        target: '≥ 0.50',
        met: ratio >= 0.5,
      },
      {
        name: 'withApproval() latency p50',
        value: quantile(latencies, 0.5),
        unit: 'ms',
        baseline: { name: 'bare p50', value: quantile(bareLatencies, 0.5), unit: 'ms' },
        ratio: quantile(latencies, 0.5) / quantile(bareLatencies, 0.5),
      },
      {
        name: 'withApproval() latency p95',
        value: quantile(latencies, 0.95),
        unit: 'ms',
        baseline: { name: 'bare p95', value: quantile(bareLatencies, 0.95), unit: 'ms' },
        ratio: quantile(latencies, 0.95) / quantile(bareLatencies, 0.95),
      },
      {
        name: 'errors (and every call has its row and its Knox document)',
        value: errors,
        unit: 'errors',
        baseline: { name: 'requests', value: requests, unit: 'req' },
        target: '0 errors, rows = documents = requests',
        met: errors === 0 && rows?.pending === requests && rows?.knox === requests,
      },
    ];
    return {
      name: 'submission',
      title: 'Submission: concurrent withApproval() calls',
      parameters: { requests, concurrency: requests, poolSize: POOL_SIZE },
      figures,
      verdicts: [
        `at least 50 % of the bare loop: ${ratio >= 0.5 ? 'met' : 'missed'} (ratio ${round(ratio, 2)})`,
        `no error: ${errors === 0 ? 'met' : `missed (${errors} errors, e.g. ${(engine.errors as string[])[0]})`}`,
      ],
      notes: [
        'Both run in one separate engine process with a pool of 10 connections, all requests started at once; the simulator serves Knox over HTTP from the harness process.',
        'withApproval() per request: validates, resolves the approver, renders the template, writes action + document + event in one transaction, submits, then records the submit (a second transaction with an event).',
      ],
      raw: {
        engineSeconds,
        bareSeconds: [bareBefore.seconds, bareAfter.seconds],
        rows,
        errorSamples: engine.errors,
        bareErrors: [bareBefore.errorCount, bareAfter.errorCount],
      },
    };
  } finally {
    child.send({ type: 'exit' });
    await child.exited;
    await world.close();
  }
}
