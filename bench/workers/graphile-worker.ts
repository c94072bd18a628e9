/**
 * A graphile-worker instance in its own process, running the same trivial job the engine benchmark
 * runs: write one row keyed by the job's document id. The parent starts it, then watches the table.
 */
import { Logger, run } from 'graphile-worker';
import { onParentMessage, sendToParent } from '../lib/child';

onParentMessage(async (message) => {
  if (message.type !== 'go') return;
  const runner = await run({
    connectionString: String(message.url),
    concurrency: Number(message.concurrency),
    maxPoolSize: Number(message.concurrency) + 2,
    noHandleSignals: true,
    pollInterval: 1000,
    // Its high-throughput settings (0.17): jobs fetched in batches into a local queue, completions
    // written in batches — the peer at its best, as the engine executes its documents in batches.
    preset: {
      worker: {
        localQueue: { size: Number(message.concurrency) + 1 },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
      },
    },
    // Only errors: its per-job info lines would cost more than the trivial job itself.
    logger: new Logger(() => (level, text) => {
      if (level === 'error') console.error(`[graphile-worker] ${text}`);
    }),
    taskList: {
      trivial: async (payload, helpers) => {
        const { key } = payload as { key: string };
        await helpers.query('insert into bench_side_effects (key, worker) values ($1, $2)', [
          key,
          process.pid,
        ]);
      },
    },
  });
  sendToParent({ type: 'started' });
  onParentMessage(async (next) => {
    if (next.type !== 'stop') return;
    await runner.stop();
    sendToParent({ type: 'stopped' });
    process.exit(0);
  });
});
sendToParent({ type: 'ready' });
