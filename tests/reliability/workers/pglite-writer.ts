/**
 * The app as `npm start` runs it on PGlite, reduced to its writes: the engine on an embedded
 * database in a data directory (PGLITE_DATA_DIR), with the Knox simulator on that same database,
 * submitting approvals and executing approved ones until its parent kills it (SIGKILL). Tells the
 * parent over IPC how many approvals it has written, so the kill lands among writes.
 */
import { sql } from 'drizzle-orm';
import pLimit from 'p-limit';
import { onParentMessage, sendToParent } from '@/bench/lib/child';
import { HARNESS_TEMPLATE, harnessVariables } from '@/bench/lib/document-input';
import { registerHarnessHandler } from '@/bench/lib/handler';
import { knoxClientFor } from '@/bench/lib/knox-client';
import { openDatabase, setDatabase } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import { seedDatabase } from '@/db/seed';
import { setDefaultKnoxClient } from '@/lib/knox-api/approval';
import { startKnoxSimulatorServer } from '@/lib/knox-simulator/server';
import { SIDE_EFFECT_DDL } from '../invariants';

const ACTION = 'reliability_probe';

onParentMessage(async (message) => {
  if (message.type !== 'start') return;
  const handle = await openDatabase({ dataDir: String(message.dataDir) });
  await handle.migrate();
  setDatabase(handle);
  const [{ count } = { count: 0 }] = rowsOf<{ count: number }>(
    await handle.db.execute(sql.raw('select count(*)::int as count from users')),
  );
  if (count === 0) await seedDatabase(handle.db, { demo: true });
  await handle.db.execute(sql.raw(SIDE_EFFECT_DDL));
  const sim = await startKnoxSimulatorServer({ db: handle.db, port: 0 });
  setDefaultKnoxClient(knoxClientFor(sim.url, 2_000));
  await registerHarnessHandler(ACTION, 'reliability');
  const engine = await import('@/lib/approval');
  const [requester] = rowsOf<{ id: string; epId: string; email: string }>(
    await handle.db.execute(
      sql.raw(`select id, ep_id as "epId", email from users where email = 'kim.employee@example.com'`),
    ),
  );
  sendToParent({ type: 'ready' });
  let written = 0;
  const limit = pLimit(3);
  // Submits, approves every other one in the simulator and runs poller cycles, all at once.
  const submit = async (index: number) => {
    const result = await engine.withApproval(
      ACTION,
      { n: index },
      {
        title: `PGlite 점검 문서 ${index}`,
        templateName: HARNESS_TEMPLATE,
        variables: harnessVariables(index),
        approvers: ['A2001'],
        currentUser: requester!,
      },
    );
    if (index % 2 === 0)
      await sim.simulator.act({ apInfId: result.approvalId, epId: 'A2001', action: 'approve' });
    written += 1;
    sendToParent({ type: 'written', written });
  };
  void (async () => {
    for (;;) await engine.checkPendingApprovals().catch(() => {});
  })();
  for (let index = 0; ; index += 1) await limit(() => submit(index).catch(() => {}));
});
