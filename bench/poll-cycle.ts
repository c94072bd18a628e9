/**
 * Benchmark 2 — poll cycle. N open documents (Knox status 1) in the simulator and in our tables;
 * one checkPendingApprovals() over all of them, against a bare loop making the same Knox status
 * calls (batches of 100 through the same client) with no database work. Each run pairs one cycle
 * with one bare loop, in alternating order; the figures are the medians over the runs.
 */
import { getApprovalStatuses } from '@/lib/knox-api/approval';
import { SIDE_EFFECTS_DDL } from './lib/baselines';
import {
  type BenchContext,
  type BenchOutput,
  combineRuns,
  engineFirst,
  type Figure,
  formatRatio,
  log,
  scaled,
  secondsSince,
} from './lib/common';
import { cloneDocument } from './lib/documents';
import { registerHarnessHandler } from './lib/handler';
import { createWorld } from './lib/world';
import { submitSourceDocument } from './throughput';

const BATCH = 100;

async function bareLoop(ids: readonly string[]): Promise<{ seconds: number; found: number }> {
  const start = process.hrtime.bigint();
  let found = 0;
  for (let offset = 0; offset < ids.length; offset += BATCH) {
    const results = await getApprovalStatuses(ids.slice(offset, offset + BATCH));
    found += results.filter((result) => result.found).length;
  }
  return { seconds: secondsSince(start), found };
}

export async function run(context: BenchContext): Promise<BenchOutput> {
  const documents = scaled(10_000, context.scale, 100);
  const world = await createWorld('poll', { poolSize: 10 });
  try {
    await world.sql.unsafe(SIDE_EFFECTS_DDL);
    await registerHarnessHandler('bench_trivial', 'bench');
    const sourceId = await submitSourceDocument(world);
    const ids = [sourceId, ...(await cloneDocument(world.sql, sourceId, documents - 1, 'P'))];
    await world.sql`vacuum analyze`;
    const { checkPendingApprovals } = await import('@/lib/approval');

    const poll = async (run: number) => {
      log(`[poll-cycle] run ${run + 1}: checkPendingApprovals() over ${documents} open documents`);
      const start = process.hrtime.bigint();
      const summary = await checkPendingApprovals();
      return { summary, seconds: secondsSince(start) };
    };
    const bare = async (run: number) => {
      log(`[poll-cycle] run ${run + 1}: bare loop over ${documents} ids`);
      return bareLoop(ids);
    };
    const runs: Array<{ cycle: Awaited<ReturnType<typeof poll>>; bare: Awaited<ReturnType<typeof bare>> }> =
      [];
    for (let index = 0; index < context.repeats; index += 1) {
      // Interleaved, the order swapped every other run: drift in the machine's load hits both sides.
      if (engineFirst(index)) {
        const cycle = await poll(index);
        runs.push({ cycle, bare: await bare(index) });
      } else {
        const bareRun = await bare(index);
        runs.push({ cycle: await poll(index), bare: bareRun });
      }
    }

    const figures = combineRuns(
      runs.map(({ cycle, bare: bareRun }): Figure[] => {
        const pollRate = cycle.summary.checked / cycle.seconds;
        const bareRate = documents / bareRun.seconds;
        return [
          {
            name: 'checkPendingApprovals() vs bare status loop',
            value: pollRate,
            unit: 'docs/s',
            baseline: { name: 'bare Knox status loop', value: bareRate, unit: 'docs/s' },
            ratio: pollRate / bareRate,
            target: '≥ 0.70',
            goal: { atLeast: 0.7 },
          },
          {
            name: 'documents checked in one cycle',
            value: cycle.summary.checked,
            unit: 'docs',
            baseline: { name: 'open documents', value: documents, unit: 'docs' },
            ratio: cycle.summary.checked / documents,
            target: '= 1.0',
            met: cycle.summary.checked === documents && bareRun.found === documents,
          },
        ];
      }),
    );
    const ratio = figures[0]!;
    return {
      name: 'poll-cycle',
      title: 'Poll cycle: open documents checked per second',
      parameters: { documents, batch: BATCH, repeats: context.repeats },
      figures,
      verdicts: [
        `at least 70 % of the bare loop on the median of ${context.repeats} runs: ${ratio.met ? 'met' : 'missed'} (ratio ${formatRatio(ratio, 2)})`,
      ],
      notes: [
        'Both sides use the real Knox client over HTTP against the simulator in this process; the bare loop sends the same batches of 100 ids one after another and does nothing with the answers.',
        'The poll cycle reads every open action from PostgreSQL, asks Knox, and records each answer on approval_logs (no document changed, so no detail calls and no executions).',
      ],
      raw: { runs },
    };
  } finally {
    await world.close();
  }
}
