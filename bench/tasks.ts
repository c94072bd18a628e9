/**
 * Benchmark 5 — MCP tasks. N agents each start a HIGH-risk call as an MCP task
 * (register_regular_vendor on a vendor of its own) against the app's MCP handler in one engine
 * process, then each polls its task with tasks/get every POLL_SECONDS, as a client following the
 * task's pollInterval would. Measured while they poll: the engine's PostgreSQL connections, the
 * statements per tasks/get (the database's own commit counter over the polling window), and the
 * tasks/get latency.
 */
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CreateTaskResultSchema } from '@modelcontextprotocol/sdk/types.js';
import pLimit from 'p-limit';
import postgres from 'postgres';
import { startWorkerChild } from './lib/child';
import {
  BENCH_ROOT,
  type BenchContext,
  type BenchOutput,
  benchServerUrl,
  combineRuns,
  type Figure,
  formatRatio,
  log,
  quantile,
  round,
  scaled,
  sleep,
} from './lib/common';
import { cloneVendor } from './lib/documents';
import { createWorld } from './lib/world';

const POOL_SIZE = 10;
const POLL_SECONDS = 2;
/** PostgreSQL flushes a backend's statistics when it goes idle, at most every second; idle ones within 10 s. */
const STATS_SETTLE_MS = 11_000;

async function committedTransactions(sql: postgres.Sql, database: string): Promise<number> {
  const [row] = await sql<{ total: string }[]>`
    select (xact_commit + xact_rollback)::text as total from pg_stat_database where datname = ${database}`;
  return Number(row?.total ?? 0);
}

async function runOnce(context: BenchContext): Promise<BenchOutput> {
  const agents = scaled(1000, context.scale, 20);
  const pollWindowSeconds = Math.max(10, Math.round(30 * Math.min(1, context.scale * 10)));
  const world = await createWorld('tasks', { poolSize: POOL_SIZE });
  const child = startWorkerChild(`${BENCH_ROOT}/workers/engine-worker.ts`, {
    APPROVAL_LIVE_POLL_SECONDS: '3',
  });
  // Sampling from another database: its own queries must not count as the bench database's.
  const monitor = postgres(benchServerUrl(), { max: 1, onnotice: () => {} });
  const clients: Client[] = [];
  let sampling = true;
  try {
    const [source] = await world.sql<{ id: number }[]>`
      select id from vendors where status = 'pq_approved' order by id limit 1`;
    if (!source) throw new Error('the seed has no pq_approved vendor');
    const vendorIds = await cloneVendor(world.sql, source.id, agents);
    const [{ database } = { database: '' }] = await world.sql<
      { database: string }[]
    >`select current_database() as database`;

    child.send({
      type: 'init',
      url: world.url,
      knoxUrl: world.sim.url,
      poolSize: POOL_SIZE,
      actionType: 'bench_trivial',
      mode: 'bench',
    });
    await child.next('ready', 120_000);
    child.send({ type: 'serve-mcp' });
    const { url } = (await child.next('mcp-ready')) as unknown as { url: string };

    const connect = pLimit(50);
    await Promise.all(
      vendorIds.map(() =>
        connect(async () => {
          const client = new Client({ name: 'bench-task-agent', version: '1.0.0' });
          await client.connect(
            new StreamableHTTPClientTransport(new URL(url), {
              requestInit: { headers: { authorization: 'Bearer demo-kim.employee' } },
            }),
          );
          clients.push(client);
        }),
      ),
    );

    log(`[tasks] ${agents} agents start register_regular_vendor as a task`);
    const submit = pLimit(20);
    const taskIds = await Promise.all(
      vendorIds.map((vendorId, index) =>
        submit(async () => {
          const created = await clients[index]!.request(
            {
              method: 'tools/call',
              params: {
                name: 'register_regular_vendor',
                arguments: { vendorId, reason: '벤치마크: 작업으로 호출', approvers: ['A2001'] },
                task: {},
              },
            },
            CreateTaskResultSchema,
          );
          if (created.task.status !== 'working')
            throw new Error(`task ${created.task.taskId} is ${created.task.status}`);
          return created.task.taskId;
        }),
      ),
    );

    const connectionSamples: number[] = [];
    const sampler = (async () => {
      while (sampling) {
        const [row] = await monitor<{ count: number }[]>`
          select count(*)::int as count from pg_stat_activity
          where datname = ${database} and application_name = 'approval-portal'`;
        connectionSamples.push(row?.count ?? 0);
        await sleep(100);
      }
    })();

    // What the database does with nobody polling (harness, token bookkeeping): subtracted below.
    await sleep(STATS_SETTLE_MS);
    const idleFrom = await committedTransactions(monitor, database);
    const idleStartedAt = Date.now();
    await sleep(STATS_SETTLE_MS);
    const before = await committedTransactions(monitor, database);
    const backgroundPerMs = (before - idleFrom) / (Date.now() - idleStartedAt);
    const pollingStartedAt = Date.now();
    log(`[tasks] ${agents} agents poll tasks/get every ${POLL_SECONDS} s for ${pollWindowSeconds} s`);
    const latencies: number[] = [];
    const failures: string[] = [];
    const notWorking: string[] = [];
    const windowEnds = Date.now() + pollWindowSeconds * 1000;
    await Promise.all(
      taskIds.map(async (taskId, index) => {
        // Spread the first polls over one interval, as agents that started at different times would.
        await sleep(Math.random() * POLL_SECONDS * 1000);
        while (Date.now() < windowEnds) {
          const startedAt = performance.now();
          try {
            const task = await clients[index]!.experimental.tasks.getTask(taskId);
            latencies.push((performance.now() - startedAt) / 1000);
            if (task.status !== 'working') notWorking.push(`${taskId}: ${task.status}`);
          } catch (error) {
            failures.push(String(error));
          }
          await sleep(POLL_SECONDS * 1000 - (performance.now() - startedAt));
        }
      }),
    );
    await sleep(STATS_SETTLE_MS);
    const after = await committedTransactions(monitor, database);
    const background = backgroundPerMs * (Date.now() - pollingStartedAt);
    sampling = false;
    await sampler;

    const polls = latencies.length + failures.length;
    const statementsPerGet = Math.max(0, after - before - background) / Math.max(1, polls);
    const maxConnections = Math.max(...connectionSamples);
    const p95 = quantile(latencies, 0.95);
    const p95Target = 0.25 * POLL_SECONDS;
    const figures: Figure[] = [
      {
        name: 'engine connections held while agents poll (max)',
        value: maxConnections,
        unit: 'connections',
        baseline: { name: 'pool size + 1 LISTEN', value: POOL_SIZE + 1, unit: 'connections' },
        ratio: maxConnections / (POOL_SIZE + 1),
        target: '≤ 1.0',
        goal: { atMost: 1 },
        met: maxConnections <= POOL_SIZE + 1,
      },
      {
        name: 'database statements per tasks/get',
        value: statementsPerGet,
        unit: 'statements',
        baseline: { name: 'token lookup + task read', value: 2, unit: 'statements' },
        ratio: statementsPerGet / 2,
        target: '≤ 1.0',
        goal: { atMost: 1 },
        met: statementsPerGet <= 2,
      },
      {
        name: 'tasks/get p95',
        value: p95,
        unit: 's',
        baseline: { name: 'a quarter of the poll interval', value: p95Target, unit: 's' },
        ratio: p95 / p95Target,
        target: '≤ 1.0',
        goal: { atMost: 1 },
        met: p95 <= p95Target,
      },
      { name: 'tasks/get p50', value: quantile(latencies, 0.5), unit: 's' },
      { name: 'tasks/get per second (served)', value: polls / pollWindowSeconds, unit: 'req/s' },
      {
        name: 'tasks/get answered with an error or a wrong status',
        value: failures.length + notWorking.length,
        unit: 'requests',
        baseline: { name: 'tasks/get', value: polls, unit: 'requests' },
        target: '0',
        met: failures.length + notWorking.length === 0,
      },
    ];
    return {
      name: 'tasks',
      title: `MCP tasks: ${agents} open tasks, each polled with tasks/get every ${POLL_SECONDS} s`,
      parameters: { agents, poolSize: POOL_SIZE, pollSeconds: POLL_SECONDS, pollWindowSeconds },
      figures,
      verdicts: [
        `connections within the pool: ${figures[0]!.met ? 'met' : 'missed'} (max ${maxConnections})`,
        `statements per tasks/get ≤ 2: ${figures[1]!.met ? 'met' : 'missed'} (${round(statementsPerGet, 2)})`,
        `tasks/get p95 ≤ ${p95Target} s: ${figures[2]!.met ? 'met' : 'missed'} (${round(p95, 3)} s)`,
      ],
      notes: [
        "Each agent is an official MCP SDK client over Streamable HTTP; the app's MCP handler (lib/mcp/http.ts) runs on a plain Node HTTP server in one engine process with no cron, so during the polling window the bench database serves nothing but the tasks/get requests.",
        'Statements per tasks/get: the growth of pg_stat_database.xact_commit + xact_rollback for the bench database over the polling window (every statement outside a transaction is one), read from another database after the statistics settled, less the rate measured over an equal idle window just before, divided by the tasks/get requests sent.',
        'All agents use one API token, so last_used_at is written about once a minute in all, not once per request.',
      ],
      raw: {
        polls,
        failures: failures.slice(0, 3),
        notWorking: notWorking.slice(0, 3),
        statements: after - before,
        backgroundStatements: Math.round(background),
        latencyMax: Math.max(...latencies),
        connectionSamples: connectionSamples.length,
      },
    };
  } finally {
    sampling = false;
    await Promise.all(clients.map((client) => client.close().catch(() => {})));
    child.send({ type: 'exit' });
    await child.exited;
    await monitor.end({ timeout: 5 });
    await world.close();
  }
}

/** The whole measurement `repeats` times, each in a fresh world; medians, targets on the median. */
export async function run(context: BenchContext): Promise<BenchOutput> {
  const results: BenchOutput[] = [];
  for (let index = 0; index < context.repeats; index += 1) {
    log(`[tasks] run ${index + 1} of ${context.repeats}`);
    results.push(await runOnce(context));
  }
  const first = results[0]!;
  const figures = combineRuns(results.map((result) => result.figures));
  const [connections, statements, p95] = [figures[0]!, figures[1]!, figures[2]!];
  return {
    ...first,
    parameters: { ...first.parameters, repeats: context.repeats },
    figures,
    verdicts: [
      `connections within the pool on the median of ${results.length} runs: ${connections.met ? 'met' : 'missed'} (${formatRatio(connections, 2)})`,
      `statements per tasks/get ≤ 2 on the median: ${statements.met ? 'met' : 'missed'} (${round(statements.value, 2)})`,
      `tasks/get p95 within a quarter of the poll interval on the median: ${p95.met ? 'met' : 'missed'} (${round(p95.value, 3)} s; ratio ${formatRatio(p95, 2)})`,
    ],
    raw: { runs: results.map((result) => result.raw) },
  };
}
