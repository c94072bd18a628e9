/**
 * Benchmark 3 — submission. N concurrent withApproval() calls (one engine process, all N started at
 * once) against the simulator on PostgreSQL, against a bare loop in the same process with the same
 * concurrency: one INSERT plus one Knox submit of the same document per request. Each run pairs one
 * engine round with one bare round, in alternating order; the figures are the medians over the runs.
 */
import { startWorkerChild } from './lib/child';
import {
  BENCH_ROOT,
  type BenchContext,
  type BenchOutput,
  combineRuns,
  engineFirst,
  type Figure,
  formatRatio,
  log,
  quantile,
  scaled,
} from './lib/common';
import { createWorld } from './lib/world';

const ACTION_TYPE = 'bench_trivial';
const POOL_SIZE = 10;

export async function run(context: BenchContext): Promise<BenchOutput> {
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

    const bare = async (run: number) => {
      log(`[submission] run ${run + 1}: bare loop: ${requests} × (INSERT + Knox submit)`);
      child.send(bareMessage);
      return child.next('bare-submitted');
    };
    const engine = async (run: number) => {
      log(`[submission] run ${run + 1}: ${requests} concurrent withApproval() calls`);
      child.send({ ...common, type: 'submit', approverEpId: world.approverEpId });
      return child.next('submitted');
    };
    const runs: Array<{
      engine: Awaited<ReturnType<typeof engine>>;
      bare: Awaited<ReturnType<typeof bare>>;
    }> = [];
    for (let index = 0; index < context.repeats; index += 1) {
      // Interleaved, the order swapped every other run: drift in the machine's load hits both sides.
      if (engineFirst(index)) {
        const engineRun = await engine(index);
        runs.push({ engine: engineRun, bare: await bare(index) });
      } else {
        const bareRun = await bare(index);
        runs.push({ engine: await engine(index), bare: bareRun });
      }
    }

    const errors = runs.reduce((sum, one) => sum + Number(one.engine.errorCount), 0);
    const [rows] = await world.sql<{ actions: number; pending: number; knox: number }[]>`
      select (select count(*)::int from pending_actions where action_type = ${ACTION_TYPE}) as actions,
             (select count(*)::int from pending_actions where action_type = ${ACTION_TYPE} and status = 'pending') as pending,
             (select count(*)::int from knox_sim_documents d join pending_actions a using (ap_inf_id)
                where a.action_type = ${ACTION_TYPE}) as knox`;
    const submitted = requests * context.repeats;
    const perRun = runs.map(({ engine: engineRun, bare: bareRun }): Figure[] => {
      const engineRate = requests / Number(engineRun.seconds);
      const bareRate = requests / Number(bareRun.seconds);
      const latencies = engineRun.latencies as number[];
      const bareLatencies = bareRun.latencies as number[];
      return [
        {
          name: 'withApproval() throughput vs bare INSERT + submit',
          value: engineRate,
          unit: 'req/s',
          baseline: { name: 'bare INSERT + Knox submit', value: bareRate, unit: 'req/s' },
          ratio: engineRate / bareRate,
          target: '≥ 0.50',
          goal: { atLeast: 0.5 },
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
          value: Number(engineRun.errorCount),
          unit: 'errors',
          baseline: { name: 'requests', value: requests, unit: 'req' },
          target: '0 errors, rows = documents = requests',
          met: Number(engineRun.errorCount) === 0 && rows?.pending === submitted && rows?.knox === submitted,
        },
      ];
    });
    const figures = combineRuns(perRun);
    const throughput = figures[0]!;
    return {
      name: 'submission',
      title: 'Submission: concurrent withApproval() calls',
      parameters: { requests, concurrency: requests, poolSize: POOL_SIZE, repeats: context.repeats },
      figures,
      verdicts: [
        `at least 50 % of the bare loop on the median of ${context.repeats} runs: ${throughput.met ? 'met' : 'missed'} (ratio ${formatRatio(throughput, 2)})`,
        `no error in any run: ${errors === 0 ? 'met' : `missed (${errors} errors, e.g. ${runs.flatMap((one) => one.engine.errors as string[])[0]})`}`,
      ],
      notes: [
        'Both run in one separate engine process with a pool of 10 connections, all requests started at once; the simulator serves Knox over HTTP from the harness process.',
        'withApproval() per request: validates, resolves the approver, renders the template, writes action + document + event in one transaction, submits, then records the submit (a second transaction with an event).',
      ],
      raw: {
        engineSeconds: runs.map((one) => one.engine.seconds),
        bareSeconds: runs.map((one) => one.bare.seconds),
        rows,
        errorSamples: runs.flatMap((one) => one.engine.errors as string[]).slice(0, 5),
        bareErrors: runs.map((one) => one.bare.errorCount),
      },
    };
  } finally {
    child.send({ type: 'exit' });
    await child.exited;
    await world.close();
  }
}
