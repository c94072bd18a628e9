/**
 * npm run bench [-- --only <name>[,<name>]] [--scale <factor>] [--repeats <n>]
 * Each benchmark runs its engine/baseline pair --repeats times (default 3), interleaved, and reports
 * the median ratio with its min–max; targets are judged on the median. Runs the benchmarks against the local PostgreSQL (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres) in scratch databases it drops afterwards, prints each
 * one's table, and writes bench/results/<name>.json.
 */
import { Command, InvalidArgumentError } from 'commander';
import {
  type BenchContext,
  type BenchOutput,
  type BenchResult,
  log,
  machineFacts,
  renderTable,
  writeResult,
} from './lib/common';
import { updateReadme } from './lib/readme';

type BenchModule = {
  run(context: BenchContext): Promise<BenchOutput>;
};

const BENCHMARKS: Record<string, () => Promise<BenchModule>> = {
  throughput: () => import('./throughput'),
  'poll-cycle': () => import('./poll-cycle'),
  submission: () => import('./submission'),
  'waiting-agents': () => import('./waiting-agents'),
  streams: () => import('./streams'),
  tasks: () => import('./tasks'),
};

function parseScale(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new InvalidArgumentError('must be a number above 0 and at most 10');
  }
  return scale;
}

/** Clone batches are lettered A–Z, two per run of the throughput pair: at most 12 runs. */
function parseRepeats(value: string): number {
  const repeats = Number(value);
  if (!Number.isInteger(repeats) || repeats < 1 || repeats > 12) {
    throw new InvalidArgumentError('must be a whole number from 1 to 12 (3 or more for figures that stand)');
  }
  return repeats;
}

function parseOnly(value: string): string[] {
  const names = value
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(name in BENCHMARKS));
  if (names.length === 0 || unknown.length > 0) {
    throw new InvalidArgumentError(
      `unknown benchmark ${unknown.join(', ') || '(none)'}; choose from ${Object.keys(BENCHMARKS).join(', ')}`,
    );
  }
  return names;
}

async function main() {
  const program = new Command()
    .name('bench')
    .description('Benchmarks of the approval engine against its peers and the hardware limit')
    .option('--only <names>', `comma-separated: ${Object.keys(BENCHMARKS).join(', ')}`, parseOnly)
    .option('--scale <factor>', 'size factor: 1 is the full size of issue 7, 0.01 a quick try', parseScale, 1)
    .option(
      '--repeats <n>',
      'interleaved runs of each engine/baseline pair; the median counts',
      parseRepeats,
      3,
    )
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .parse();
  const options = program.opts<{ only?: string[]; scale: number; repeats: number }>();
  const names = options.only ?? Object.keys(BENCHMARKS);
  process.env.LOG_LEVEL ??= 'warn';

  let failures = 0;
  for (const name of names) {
    const machine = await machineFacts();
    const startedAt = new Date().toISOString();
    log(`\n=== ${name} (scale ${options.scale}, ${options.repeats} runs) ===`);
    try {
      const module = await BENCHMARKS[name]!();
      const partial = await module.run({ scale: options.scale, repeats: options.repeats, machine });
      const result: BenchResult = {
        ...partial,
        startedAt,
        finishedAt: new Date().toISOString(),
        scale: options.scale,
        repeats: options.repeats,
        machine,
      };
      const file = writeResult(result);
      console.log(`\n${result.title}\n`);
      console.log(renderTable(result.figures));
      for (const verdict of result.verdicts) console.log(`- ${verdict}`);
      console.log(`(written to ${file})`);
    } catch (error) {
      failures += 1;
      console.error(`[bench] ${name} failed:`, error);
    }
  }
  // Only full-size runs of at least three repeats may stand as the README's figures.
  if (options.scale === 1 && options.repeats >= 3 && updateReadme())
    console.log('\nREADME.md Performance table updated.');
  process.exit(failures > 0 ? 1 : 0);
}

void main();
