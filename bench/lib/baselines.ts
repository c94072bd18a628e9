import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { runMigrations } from 'graphile-worker';
import postgres from 'postgres';
import { startWorkerChild, type WorkerChild } from './child';
import { BENCH_ROOT, secondsSince, sleep } from './common';

const run = promisify(execFile);

function pgbenchBinary(): string {
  return process.env.PGBENCH ?? 'pgbench';
}

export interface PgbenchResult {
  tps: number;
  clients: number;
  threads: number;
  seconds: number;
  transactions: number;
  command: string;
}

/**
 * `pgbench -N` (the "simple update" TPC-B-like script: one UPDATE, one SELECT, one INSERT per
 * transaction) against a database of its own on the same server: what the hardware can commit.
 */
export async function runPgbench(
  url: string,
  options: { clients: number; seconds: number },
): Promise<PgbenchResult> {
  const threads = Math.min(options.clients, 2);
  await run(pgbenchBinary(), ['-i', '-q', '-s', '1', url], { maxBuffer: 10 * 2 ** 20 });
  const args = [
    '-N',
    '-n',
    '-c',
    String(options.clients),
    '-j',
    String(threads),
    '-T',
    String(options.seconds),
    url,
  ];
  const { stdout } = await run(pgbenchBinary(), args, { maxBuffer: 10 * 2 ** 20 });
  const tps = /tps = ([\d.]+) \(without initial connection time\)/.exec(stdout)?.[1];
  const transactions = /number of transactions actually processed: (\d+)/.exec(stdout)?.[1];
  if (!tps) throw new Error(`Could not read pgbench's output:\n${stdout}`);
  return {
    tps: Number(tps),
    clients: options.clients,
    threads,
    seconds: options.seconds,
    transactions: Number(transactions ?? 0),
    command: `pgbench ${args.slice(0, -1).join(' ')} <scratch db>`,
  };
}

export const SIDE_EFFECTS_DDL = `
  create table if not exists bench_side_effects (
    key text primary key,
    worker integer not null,
    created_at timestamptz not null default now()
  )`;

export interface QueueRunResult {
  instances: number;
  jobs: number;
  seconds: number;
  perSecond: number;
}

/** Waits until the side-effect table holds `expected` rows; returns the seconds since `start`. */
export async function waitForRows(
  sql: postgres.Sql,
  expected: number,
  start: bigint,
  options: { timeoutMs?: number; table?: string } = {},
): Promise<number> {
  const deadline = Date.now() + (options.timeoutMs ?? 900_000);
  const table = options.table ?? 'bench_side_effects';
  for (;;) {
    const [row] = await sql.unsafe<{ count: number }[]>(`select count(*)::int as count from ${table}`);
    if ((row?.count ?? 0) >= expected) return secondsSince(start);
    if (Date.now() > deadline) throw new Error(`only ${row?.count} of ${expected} rows after the time-out`);
    await sleep(20);
  }
}

/**
 * graphile-worker running `jobs` trivial jobs (each writes one row) with `instances` worker
 * processes of `concurrency` each, on its own schema of the given database.
 */
export async function runGraphileWorker(
  url: string,
  options: { jobs: number; instances: number; concurrency: number },
): Promise<QueueRunResult> {
  await runMigrations({ connectionString: url, logger: undefined });
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  const children: WorkerChild[] = [];
  try {
    await sql.unsafe(SIDE_EFFECTS_DDL);
    await sql`truncate bench_side_effects`;
    // Queued in bulk before the workers start, as the engine's documents are approved before it polls.
    await sql`
      select count(*) from graphile_worker.add_jobs(array(
        select row('trivial', json_build_object('key', 'job-' || i), null, null, null, null, null, null)::graphile_worker.job_spec
        from generate_series(1, ${options.jobs}::int) as i
      ))`;
    for (let index = 0; index < options.instances; index += 1) {
      children.push(startWorkerChild(`${BENCH_ROOT}/workers/graphile-worker.ts`));
    }
    await Promise.all(children.map((child) => child.next('ready')));
    const start = process.hrtime.bigint();
    for (const child of children) child.send({ type: 'go', url, concurrency: options.concurrency });
    const seconds = await waitForRows(sql, options.jobs, start);
    for (const child of children) child.send({ type: 'stop' });
    await Promise.all(children.map((child) => child.exited));
    return { instances: options.instances, jobs: options.jobs, seconds, perSecond: options.jobs / seconds };
  } finally {
    for (const child of children) child.kill('SIGKILL');
    await sql.end({ timeout: 5 });
  }
}
