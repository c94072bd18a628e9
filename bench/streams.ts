/**
 * Benchmark 5 — open live streams. N browsers' `/api/live` streams held open on one engine
 * instance (the app's hub and stream code on a plain HTTP server, see lib/live-host.ts) while the
 * engine executes approved documents in waves. Measured: the instance's PostgreSQL connections
 * before and with the streams open (pg_stat_activity), its memory per stream, and the time from the
 * engine starting the execution that records a change to each authorised stream receiving it.
 * Every stream is also checked to have carried exactly what its viewer may see.
 */
import { Agent, get } from 'node:http';
import { SIDE_EFFECTS_DDL } from './lib/baselines';
import { startWorkerChild } from './lib/child';
import {
  BENCH_ROOT,
  type BenchContext,
  type BenchOutput,
  combineRuns,
  type Figure,
  formatRatio,
  log,
  quantile,
  round,
  scaled,
  sleep,
} from './lib/common';
import { cloneDocument, decideInSimulator } from './lib/documents';
import { registerHarnessHandler } from './lib/handler';
import { createWorld } from './lib/world';
import { submitSourceDocument } from './throughput';

const POOL_SIZE = 10;
const WAVES = 10;
const DOCUMENTS_PER_WAVE = 10;
/** The promise: a page shows an engine change within 2 s. */
const EVENT_TARGET_SECONDS = 2;

interface Stream {
  viewer: 'requester' | 'admin' | 'other';
  ready: Promise<void>;
  /** apInfId → when its event arrived (first time). */
  received: Map<string, number>;
  close(): void;
}

function openStream(url: string, viewer: Stream['viewer'], id: string, agent: Agent): Stream {
  const received = new Map<string, number>();
  let markReady: () => void = () => {};
  let fail: (error: Error) => void = () => {};
  const ready = new Promise<void>((resolve, reject) => {
    markReady = resolve;
    fail = reject;
  });
  const role = viewer === 'admin' ? 'admin' : 'employee';
  const request = get(`${url}?viewer=${encodeURIComponent(id)}&role=${role}`, { agent }, (response) => {
    if (response.statusCode !== 200) return fail(new Error(`stream answered ${response.statusCode}`));
    response.setEncoding('utf8');
    let buffer = '';
    response.on('data', (chunk: string) => {
      const at = Date.now();
      buffer += chunk;
      let end = buffer.indexOf('\n\n');
      while (end >= 0) {
        const frame = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf('\n\n');
        if (frame.includes('event: ready')) markReady();
        const data = frame.match(/^data: (.*)$/m)?.[1];
        if (frame.includes('event: approval') && data) {
          const { apInfId } = JSON.parse(data) as { apInfId: string };
          if (!received.has(apInfId)) received.set(apInfId, at);
        }
      }
    });
  });
  request.on('error', (error) => fail(error));
  return { viewer, ready, received, close: () => request.destroy() };
}

async function runOnce(context: BenchContext): Promise<BenchOutput> {
  const streamCount = scaled(1000, context.scale, 20);
  const documents = WAVES * DOCUMENTS_PER_WAVE;
  const world = await createWorld('streams', { poolSize: POOL_SIZE });
  const child = startWorkerChild(`${BENCH_ROOT}/workers/engine-worker.ts`);
  const streams: Stream[] = [];
  const agent = new Agent({ keepAlive: false, maxSockets: Number.POSITIVE_INFINITY });
  let sampling = true;
  try {
    await world.sql.unsafe(SIDE_EFFECTS_DDL);
    await registerHarnessHandler('bench_trivial', 'bench');
    const sourceId = await submitSourceDocument(world);
    const ids = await cloneDocument(world.sql, sourceId, documents, 'S');
    await decideInSimulator(world.sql, ids, 2);
    const [{ database } = { database: '' }] = await world.sql<
      { database: string }[]
    >`select current_database() as database`;
    const countConnections = async () => {
      const [row] = await world.sql<{ count: number }[]>`
        select count(*)::int as count from pg_stat_activity
        where datname = ${database} and application_name in ('approval-portal', 'approval-portal-listen')`;
      return row?.count ?? 0;
    };

    child.send({
      type: 'init',
      url: world.url,
      knoxUrl: world.sim.url,
      poolSize: POOL_SIZE,
      actionType: 'bench_trivial',
      mode: 'bench',
    });
    await child.next('ready', 120_000);
    child.send({ type: 'serve-live' });
    const { url } = (await child.next('live-ready', 60_000)) as unknown as { url: string };
    await sleep(500);
    const connectionsBefore = await countConnections();
    child.send({ type: 'stats' });
    const before = await child.next('stats');

    // A tenth of the streams are admins', ten are the requester's own tabs, the rest other employees'.
    log(`[streams] opening ${streamCount} streams`);
    const admins = Math.floor(streamCount / 10);
    const requesterTabs = Math.min(10, streamCount - admins);
    for (let index = 0; index < streamCount; index += 1) {
      const viewer = index < requesterTabs ? 'requester' : index < requesterTabs + admins ? 'admin' : 'other';
      const id = viewer === 'requester' ? world.requester.id : `bench-${viewer}-${index}`;
      streams.push(openStream(url, viewer, id, agent));
      if (index % 100 === 99) await sleep(50);
    }
    await Promise.all(streams.map((stream) => stream.ready));
    await sleep(1000);
    const connectionsOpen = await countConnections();
    child.send({ type: 'stats' });
    const during = await child.next('stats');
    if (Number(during.streams) !== streamCount)
      throw new Error(`the hub holds ${during.streams} of ${streamCount} streams`);

    const connectionSamples: number[] = [];
    const sampler = (async () => {
      while (sampling) {
        connectionSamples.push(await countConnections());
        await sleep(100);
      }
    })();
    log(`[streams] the engine executes ${documents} approved documents in ${WAVES} waves`);
    const startedAt = new Map<string, number>();
    for (let wave = 0; wave < WAVES; wave += 1) {
      const batch = ids.slice(wave * DOCUMENTS_PER_WAVE, (wave + 1) * DOCUMENTS_PER_WAVE);
      child.send({ type: 'execute', ids: batch, concurrency: 1 });
      const report = await child.next('executed', 60_000);
      if (Number(report.executedNow) !== batch.length)
        throw new Error(`wave ${wave}: ${JSON.stringify(report)}`);
      for (const apInfId of batch) startedAt.set(apInfId, Number(report.startedAt));
      await sleep(300);
    }
    const deadline = Date.now() + 30_000;
    const expected = (stream: Stream) => (stream.viewer === 'other' ? 0 : documents);
    while (Date.now() < deadline && streams.some((stream) => stream.received.size < expected(stream)))
      await sleep(100);
    await sleep(500);
    sampling = false;
    await sampler;

    const latencies = streams.flatMap((stream) =>
      [...stream.received].map(([apInfId, at]) => (at - startedAt.get(apInfId)!) / 1000),
    );
    const wrong = streams.filter((stream) => stream.received.size !== expected(stream)).length;
    const p95 = quantile(latencies, 0.95);
    const rssPerStreamKiB = (Number(during.rss) - Number(before.rss)) / 1024 / streamCount;
    const figures: Figure[] = [
      {
        name: 'database connections with the streams open',
        value: connectionsOpen,
        unit: 'connections',
        baseline: { name: 'before any stream', value: connectionsBefore, unit: 'connections' },
        ratio: connectionsOpen / connectionsBefore,
        target: '≤ 1.0 (unchanged)',
        goal: { atMost: 1 },
        met: connectionsOpen <= connectionsBefore,
      },
      {
        name: 'database connections while events flow (max)',
        value: Math.max(...connectionSamples),
        unit: 'connections',
        baseline: { name: 'pool size + 1 LISTEN', value: POOL_SIZE + 1, unit: 'connections' },
        ratio: Math.max(...connectionSamples) / (POOL_SIZE + 1),
        target: '≤ 1.0',
        goal: { atMost: 1 },
        met: Math.max(...connectionSamples) <= POOL_SIZE + 1,
      },
      {
        name: 'engine change → stream event p95',
        value: p95,
        unit: 's',
        baseline: { name: 'the 2 s promise', value: EVENT_TARGET_SECONDS, unit: 's' },
        ratio: p95 / EVENT_TARGET_SECONDS,
        target: '≤ 1.0',
        goal: { atMost: 1 },
        met: p95 <= EVENT_TARGET_SECONDS,
      },
      { name: 'engine change → stream event p50', value: quantile(latencies, 0.5), unit: 's' },
      {
        name: 'memory per open stream (RSS growth / streams)',
        value: rssPerStreamKiB,
        unit: 'KiB',
        baseline: { name: 'RSS before', value: Number(before.rss) / 2 ** 20, unit: 'MiB' },
      },
      {
        name: 'streams that did not carry exactly what their viewer may see',
        value: wrong,
        unit: 'streams',
        baseline: { name: 'streams', value: streamCount, unit: 'streams' },
        target: '0',
        met: wrong === 0,
      },
    ];
    return {
      name: 'streams',
      title: `Live streams: ${streamCount} open /api/live streams on one instance`,
      parameters: { streams: streamCount, documents, waves: WAVES, poolSize: POOL_SIZE },
      figures,
      verdicts: [
        `connections unchanged by the streams: ${figures[0]!.met ? 'met' : 'missed'} (${connectionsBefore} before, ${connectionsOpen} with ${streamCount} streams)`,
        `event within 2 s: ${figures[2]!.met ? 'met' : 'missed'} (p95 ${round(p95, 3)} s)`,
      ],
      notes: [
        "The streams are the app's own (lib/live: hub, replay ring, authorisation, liveStreamResponse) served by a plain Node HTTP server in one engine process; only the session check of app/api/live/route.ts is left out (the viewer is named in the query), since it runs once per connection, not per event.",
        `${requesterTabs} streams are the documents' requester's tabs, ${admins} admins', the rest other employees' (who must receive nothing). The engine executes ${documents} approved documents in ${WAVES} waves through executeApprovedActions; each commit's NOTIFY reaches the hub through the instance's one LISTEN connection.`,
        'The time is taken from the start of the execution call that records the change (so it includes the execution transaction itself) to the arrival of the event at each authorised stream.',
        "Connections are counted in pg_stat_activity by the engine process's application_names (pool and LISTEN); the harness uses its own.",
      ],
      raw: {
        connectionsBefore,
        connectionsOpen,
        connectionSamples: connectionSamples.length,
        rssBefore: before.rss,
        rssDuring: during.rss,
        heapBefore: before.heapUsed,
        heapDuring: during.heapUsed,
        events: latencies.length,
        latencyMax: Math.max(...latencies),
      },
    };
  } finally {
    sampling = false;
    for (const stream of streams) stream.close();
    agent.destroy();
    child.send({ type: 'exit' });
    await child.exited;
    await world.close();
  }
}

/** The whole measurement `repeats` times, each in a fresh world; figures are the medians. */
export async function run(context: BenchContext): Promise<BenchOutput> {
  const results: BenchOutput[] = [];
  for (let index = 0; index < context.repeats; index += 1) {
    log(`[streams] run ${index + 1} of ${context.repeats}`);
    results.push(await runOnce(context));
  }
  const first = results[0]!;
  const figures = combineRuns(results.map((result) => result.figures));
  const [connections, , p95] = [figures[0]!, figures[1]!, figures[2]!];
  return {
    ...first,
    parameters: { ...first.parameters, repeats: context.repeats },
    figures,
    verdicts: [
      `connections unchanged by the streams on the median of ${results.length} runs: ${connections.met ? 'met' : 'missed'} (ratio ${formatRatio(connections, 2)})`,
      `event within 2 s on the median: ${p95.met ? 'met' : 'missed'} (p95 ${round(p95.value, 3)} s; ratio ${formatRatio(p95, 2)})`,
    ],
    raw: { runs: results.map((result) => result.raw) },
  };
}
