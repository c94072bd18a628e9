/**
 * Benchmark 2 — poll cycle. N open documents (Knox status 1) in the simulator and in our tables;
 * one checkPendingApprovals() over all of them, against a bare loop making the same Knox status
 * calls (batches of 100 through the same client) with no database work. The bare loop runs before
 * and after the poll; its baseline is the mean of the two.
 */
import { getApprovalStatuses } from '@/lib/knox-api/approval';
import { SIDE_EFFECTS_DDL } from './lib/baselines';
import {
  type BenchContext,
  type BenchResult,
  type Figure,
  log,
  round,
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

export async function run(
  context: BenchContext,
): Promise<Omit<BenchResult, 'startedAt' | 'finishedAt' | 'machine' | 'scale'>> {
  const documents = scaled(10_000, context.scale, 100);
  const world = await createWorld('poll', { poolSize: 10 });
  try {
    await world.sql.unsafe(SIDE_EFFECTS_DDL);
    await registerHarnessHandler('bench_trivial', 'bench');
    const sourceId = await submitSourceDocument(world);
    const ids = [sourceId, ...(await cloneDocument(world.sql, sourceId, documents - 1, 'P'))];
    await world.sql`vacuum analyze`;
    const { checkPendingApprovals } = await import('@/lib/approval');

    log(`[poll-cycle] bare loop over ${documents} ids`);
    const bareBefore = await bareLoop(ids);
    log(`[poll-cycle] checkPendingApprovals() over ${documents} open documents`);
    const start = process.hrtime.bigint();
    const summary = await checkPendingApprovals();
    const pollSeconds = secondsSince(start);
    log(`[poll-cycle] bare loop again`);
    const bareAfter = await bareLoop(ids);

    const pollRate = summary.checked / pollSeconds;
    const bareSeconds = (bareBefore.seconds + bareAfter.seconds) / 2;
    const bareRate = documents / bareSeconds;
    const ratio = pollRate / bareRate;
    const figures: Figure[] = [
      {
        name: 'checkPendingApprovals() vs bare status loop',
        value: pollRate,
        unit: 'docs/s',
        baseline: { name: 'bare Knox status loop', value: bareRate, unit: 'docs/s' },
        ratio,
        target: '≥ 0.70',
        met: ratio >= 0.7,
      },
      {
        name: 'documents checked in one cycle',
        value: summary.checked,
        unit: 'docs',
        baseline: { name: 'open documents', value: documents, unit: 'docs' },
        ratio: summary.checked / documents,
        target: '= 1.0',
        met: summary.checked === documents && bareBefore.found === documents,
      },
    ];
    return {
      name: 'poll-cycle',
      title: 'Poll cycle: open documents checked per second',
      parameters: { documents, batch: BATCH },
      figures,
      verdicts: [
        `at least 70 % of the bare loop: ${ratio >= 0.7 ? 'met' : 'missed'} (ratio ${round(ratio, 2)})`,
      ],
      notes: [
        'Both sides use the real Knox client over HTTP against the simulator in this process; the bare loop sends the same batches of 100 ids one after another and does nothing with the answers.',
        'The poll cycle reads every open action from PostgreSQL, asks Knox, and records each answer on approval_logs (no document changed, so no detail calls and no executions).',
      ],
      raw: { summary, pollSeconds, bareBefore, bareAfter },
    };
  } finally {
    await world.close();
  }
}
