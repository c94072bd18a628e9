/**
 * Benchmark 1 — execution throughput. N approved documents executed by 1 and by 3 engine instances
 * (separate processes, each calling executeApprovedActions over all approved ids in batches of 100,
 * as the poller hands them over, in its own rotated order, so the claims decide who runs each),
 * against graphile-worker running the same trivial job (one row) with 1 and 3 worker processes,
 * and `pgbench -N` on the same server.
 */
import { runGraphileWorker, runPgbench, SIDE_EFFECTS_DDL, waitForRows } from './lib/baselines';
import { startWorkerChild, type WorkerChild } from './lib/child';
import {
  BENCH_ROOT,
  type BenchContext,
  type BenchOutput,
  combineRuns,
  engineFirst,
  type Figure,
  formatRatio,
  log,
  scaled,
} from './lib/common';
import { HARNESS_TEMPLATE, harnessVariables } from './lib/document-input';
import { cloneDocument, decideInSimulator, removeDocuments } from './lib/documents';
import { registerHarnessHandler } from './lib/handler';
import { createWorld, type World } from './lib/world';

const ACTION_TYPE = 'bench_trivial';
const POOL_SIZE = 10;
const CONCURRENCY = 8;

/** One real submit through the engine and the simulator: the row set every clone copies. */
export async function submitSourceDocument(world: World, actionType = ACTION_TYPE): Promise<string> {
  const { withApproval } = await import('@/lib/approval');
  const result = await withApproval(
    actionType,
    { n: 0 },
    {
      title: '벤치마크 원본 문서',
      templateName: HARNESS_TEMPLATE,
      variables: harnessVariables(0),
      approvers: [world.approverEpId],
      currentUser: world.requester,
    },
  );
  return result.approvalId;
}

async function startEngines(world: World, instances: number): Promise<WorkerChild[]> {
  const children = Array.from({ length: instances }, () =>
    startWorkerChild(`${BENCH_ROOT}/workers/engine-worker.ts`),
  );
  for (const child of children) {
    child.send({
      type: 'init',
      url: world.url,
      knoxUrl: world.sim.url,
      poolSize: POOL_SIZE,
      actionType: ACTION_TYPE,
      mode: 'bench',
    });
  }
  await Promise.all(children.map((child) => child.next('ready', 120_000)));
  return children;
}

async function runEngine(
  world: World,
  sourceId: string,
  documents: number,
  instances: number,
  letter: string,
) {
  await world.sql`truncate bench_side_effects`;
  const ids = await cloneDocument(world.sql, sourceId, documents, letter);
  await decideInSimulator(world.sql, ids, 2);
  await world.sql`vacuum analyze pending_actions`;
  const children = await startEngines(world, instances);
  try {
    const start = process.hrtime.bigint();
    children.forEach((child, index) => {
      const offset = Math.floor((ids.length * index) / instances);
      child.send({
        type: 'execute',
        ids: [...ids.slice(offset), ...ids.slice(0, offset)],
        concurrency: CONCURRENCY,
      });
    });
    const seconds = await waitForRows(world.sql, documents, start);
    const reports = await Promise.all(children.map((child) => child.next('executed')));
    const errorCount = reports.reduce((sum, report) => sum + Number(report.errorCount), 0);
    const [check] = await world.sql<{ executed: number; runs: number }[]>`
      select (select count(*)::int from pending_actions where status = 'executed' and ap_inf_id = any(${ids})) as executed,
             (select count(*)::int from bench_side_effects) as runs`;
    return {
      ids,
      instances,
      documents,
      seconds,
      perSecond: documents / seconds,
      errors: errorCount,
      executedRows: check?.executed ?? 0,
      sideEffects: check?.runs ?? 0,
      errorSamples: reports.flatMap((report) => report.errors as string[]).slice(0, 5),
    };
  } finally {
    for (const child of children) child.send({ type: 'exit' });
    await Promise.all(children.map((child) => child.exited));
  }
}

/** One run of every pair: engine and graphile-worker ×1 and ×3, and pgbench, in the run's order. */
async function runPairs(
  world: World,
  sourceId: string,
  documents: number,
  pgbenchSeconds: number,
  run: number,
) {
  const letters = [String.fromCharCode(65 + 2 * run), String.fromCharCode(66 + 2 * run)] as const;
  const graphile = async (instances: number) => {
    log(`[throughput] run ${run + 1}: graphile-worker ×${instances}: ${documents} jobs`);
    await world.sql`truncate bench_side_effects`;
    return runGraphileWorker(world.url, { jobs: documents, instances, concurrency: CONCURRENCY });
  };
  const engine = async (instances: number, letter: string) => {
    log(`[throughput] run ${run + 1}: engine ×${instances}: ${documents} approved documents`);
    return runEngine(world, sourceId, documents, instances, letter);
  };
  const pgbenchRun = async () => {
    log(`[throughput] run ${run + 1}: pgbench -N for ${pgbenchSeconds} s`);
    return runPgbench(world.url, { clients: CONCURRENCY, seconds: pgbenchSeconds });
  };
  // Interleaved, and in the opposite order every other run, so a machine that gets busier or
  // quieter during the benchmark weighs on both sides of each ratio alike.
  const first = engineFirst(run);
  const pgbenchBefore = first ? undefined : await pgbenchRun();
  const graphile1Before = first ? undefined : await graphile(1);
  const engine1 = await engine(1, letters[0]);
  const graphile1 = graphile1Before ?? (await graphile(1));
  const graphile3Before = first ? undefined : await graphile(3);
  const engine3 = await engine(3, letters[1]);
  const graphile3 = graphile3Before ?? (await graphile(3));
  const pgbench = pgbenchBefore ?? (await pgbenchRun());
  await removeDocuments(world.sql, [...engine1.ids, ...engine3.ids]);
  return { engine1, engine3, graphile1, graphile3, pgbench };
}

function figuresOf(result: Awaited<ReturnType<typeof runPairs>>, documents: number): Figure[] {
  const { engine1, engine3, graphile1, graphile3, pgbench } = result;
  const best = Math.max(engine1.perSecond, engine3.perSecond);
  return [
    {
      name: 'engine ×1 vs graphile-worker ×1',
      value: engine1.perSecond,
      unit: 'docs/s',
      baseline: { name: 'graphile-worker ×1', value: graphile1.perSecond, unit: 'jobs/s' },
      ratio: engine1.perSecond / graphile1.perSecond,
      target: '≥ 1.0 (ahead)',
      goal: { atLeast: 1 },
    },
    {
      name: 'engine ×3 vs graphile-worker ×3',
      value: engine3.perSecond,
      unit: 'docs/s',
      baseline: { name: 'graphile-worker ×3', value: graphile3.perSecond, unit: 'jobs/s' },
      ratio: engine3.perSecond / graphile3.perSecond,
      target: '≥ 1.0 (ahead)',
      goal: { atLeast: 1 },
    },
    {
      name: 'engine best vs pgbench -N',
      value: best,
      unit: 'docs/s',
      baseline: { name: `pgbench -N -c ${CONCURRENCY}`, value: pgbench.tps, unit: 'tps' },
      ratio: best / pgbench.tps,
      target: '≥ 0.5',
      goal: { atLeast: 0.5 },
    },
    {
      name: 'exactly once (side-effect rows / documents)',
      value: (engine1.sideEffects + engine3.sideEffects) / 2,
      unit: 'rows',
      baseline: { name: 'documents', value: documents, unit: 'docs' },
      ratio: (engine1.sideEffects + engine3.sideEffects) / (2 * documents),
      target: '= 1.0, no errors',
      met:
        engine1.sideEffects === documents &&
        engine3.sideEffects === documents &&
        engine1.executedRows === documents &&
        engine3.executedRows === documents &&
        engine1.errors + engine3.errors === 0,
    },
  ];
}

const ratioText = (figure: Figure) => formatRatio(figure, 2);

export async function run(context: BenchContext): Promise<BenchOutput> {
  const documents = scaled(5000, context.scale, 20);
  const pgbenchSeconds = Math.max(3, Math.round(15 * Math.min(1, context.scale * 2)));
  const world = await createWorld('throughput', { poolSize: POOL_SIZE });
  try {
    await world.sql.unsafe(SIDE_EFFECTS_DDL);
    await registerHarnessHandler(ACTION_TYPE, 'bench');
    const sourceId = await submitSourceDocument(world);

    const runs: Array<Awaited<ReturnType<typeof runPairs>>> = [];
    for (let index = 0; index < context.repeats; index += 1) {
      runs.push(await runPairs(world, sourceId, documents, pgbenchSeconds, index));
    }
    const figures = combineRuns(runs.map((result) => figuresOf(result, documents)));
    const verdicts = [
      `ahead of graphile-worker on the median of ${context.repeats} runs: ×1 ${figures[0]!.met ? 'met' : 'missed'} (ratio ${ratioText(figures[0]!)}), ×3 ${figures[1]!.met ? 'met' : 'missed'} (ratio ${ratioText(figures[1]!)})`,
      `at least half of pgbench's tps on the median: ${figures[2]!.met ? 'met' : 'missed'} (ratio ${ratioText(figures[2]!)})`,
    ];
    return {
      name: 'throughput',
      title: 'Execution throughput: approved documents executed per second',
      parameters: {
        documents,
        poolSizePerInstance: POOL_SIZE,
        concurrencyPerInstance: CONCURRENCY,
        pgbenchSeconds,
        repeats: context.repeats,
        order: 'interleaved: engine first in runs 1, 3, …; the baselines first in runs 2, 4, …',
      },
      figures,
      verdicts,
      notes: [
        "Each engine instance is a separate Node process calling executeApprovedActions over every approved id in batches of 100 (one Knox status call's worth, as the poller hands them over), 8 batches at a time, from a rotated start, so the row locks (FOR UPDATE SKIP LOCKED) and compare-and-set decide which instance runs each document; a document counts as done when its handler row commits.",
        'graphile-worker runs the same one-row job with the same concurrency per process, with its own high-throughput settings (local queue of concurrency + 1, batched completions); its jobs are queued in bulk before the workers start, as the engine finds its documents already approved.',
        "pgbench -N runs one UPDATE, one SELECT and one INSERT per transaction. The engine commits once per batch: the lock, each handler's row, one statement for the statuses, two audit events per document and the NOTIFYs.",
      ],
      raw: {
        runs: runs.map(({ engine1, engine3, graphile1, graphile3, pgbench }) => ({
          engine1: { ...engine1, ids: undefined },
          engine3: { ...engine3, ids: undefined },
          graphile1,
          graphile3,
          pgbench,
        })),
      },
    };
  } finally {
    await world.close();
  }
}
