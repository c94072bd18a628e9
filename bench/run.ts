/**
 * npm run bench [-- --only <name>[,<name>]] [--scale <factor>]
 * Runs the benchmarks against the local PostgreSQL (BENCH_DATABASE_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres) in scratch databases it drops afterwards, prints each
 * one's table, and writes bench/results/<name>.json.
 */
import { Command, InvalidArgumentError } from 'commander';
import {
  type BenchContext,
  type BenchResult,
  log,
  machineFacts,
  renderTable,
  writeResult,
} from './lib/common';
import { updateReadme } from './lib/readme';

type BenchModule = {
  run(context: BenchContext): Promise<Omit<BenchResult, 'startedAt' | 'finishedAt' | 'machine' | 'scale'>>;
};

const BENCHMARKS: Record<string, () => Promise<BenchModule>> = {
  throughput: () => import('./throughput'),
  'poll-cycle': () => import('./poll-cycle'),
  submission: () => import('./submission'),
  'waiting-agents': () => import('./waiting-agents'),
};

function parseScale(value: string): number {
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 10) {
    throw new InvalidArgumentError('must be a number above 0 and at most 10');
  }
  return scale;
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
    .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
    .parse();
  const options = program.opts<{ only?: string[]; scale: number }>();
  const names = options.only ?? Object.keys(BENCHMARKS);
  process.env.LOG_LEVEL ??= 'warn';

  let failures = 0;
  for (const name of names) {
    const machine = await machineFacts();
    const startedAt = new Date().toISOString();
    log(`\n=== ${name} (scale ${options.scale}) ===`);
    try {
      const module = await BENCHMARKS[name]!();
      const partial = await module.run({ scale: options.scale, machine });
      const result: BenchResult = {
        ...partial,
        startedAt,
        finishedAt: new Date().toISOString(),
        scale: options.scale,
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
  // Only full-size runs may stand as the README's figures.
  if (options.scale === 1 && updateReadme()) console.log('\nREADME.md Performance table updated.');
  process.exit(failures > 0 ? 1 : 0);
}

void main();
