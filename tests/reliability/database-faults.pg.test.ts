/**
 * Database faults — PostgreSQL restarted, shut down fast and started again, its connections killed
 * (the LISTEN one, one inside an execution transaction, all of them), and a vendor row held
 * FOR UPDATE by another session while its approval executes — with submissions, polling,
 * executions and waiting agents under way. The server is a private one of this file's own
 * (tests/setup/private-postgres.ts): the shared one on 5432 is never restarted or killed.
 * After every scenario the invariants are checked against the simulator's own records.
 */
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEALTH_DB_TIMEOUT_MS, healthResponse } from '@/lib/api/health';
import {
  checkPendingApprovals,
  createPollingScheduler,
  type DecisionOutcome,
  waitForApprovalDecision,
} from '@/lib/approval';
import { resetEnvCache } from '@/lib/env';
import { expectConsoleError } from '@/tests/setup/console-guard';
import {
  type PrivatePostgres,
  privatePostgresUnavailable,
  startPrivatePostgres,
} from '@/tests/setup/private-postgres';
import { waitFor } from '@/tests/setup/wait-for';
import { type ReliabilityWorld, sized, startReliabilityWorld } from './harness';
import { describeViolations } from './invariants';

const unavailable = privatePostgresUnavailable();
if (unavailable)
  console.warn(`[database faults] SKIPPED: no private PostgreSQL can start here: ${unavailable}`);

/** How long the other session holds the vendor row (30 s in the issue; short by default). */
const LOCK_HOLD_MS = Number(process.env.RELIABILITY_LOCK_HOLD_MS ?? 3_000);
const LOCK_TIMEOUT_MS = 500;
const LISTEN_APP = 'approval-portal-listen';

let pg: PrivatePostgres;
let world: ReliabilityWorld;
const savedEnv: Record<string, string | undefined> = {};
/** Recovery times measured by the scenarios, printed at the end for the README's figures. */
const figures: Record<string, number> = {};

function setEnv(values: Record<string, string>) {
  for (const [key, value] of Object.entries(values)) {
    if (!(key in savedEnv)) savedEnv[key] = process.env[key];
    process.env[key] = value;
  }
  resetEnvCache();
}

describe.skipIf(unavailable !== null)('database faults (private PostgreSQL)', () => {
  beforeAll(async () => {
    pg = await startPrivatePostgres();
    // Waiters are answered by the LISTEN (and its re-reads) only: the live poll, which would
    // answer them anyway within its interval, is pushed out of the test's reach.
    setEnv({
      APPROVAL_LIVE_POLL_SECONDS: '300',
      APPROVAL_EXECUTION_LOCK_TIMEOUT_MS: String(LOCK_TIMEOUT_MS),
    });
    world = await startReliabilityWorld({ knoxTimeoutMs: 1_000, serverUrl: pg.url });
  }, 120_000);

  afterAll(async () => {
    await world?.close().catch(() => {});
    await pg?.destroy();
    for (const [key, value] of Object.entries(savedEnv)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    resetEnvCache();
    console.log(`[database faults] recovery figures (ms): ${JSON.stringify(figures)}`);
  });

  /**
   * A pool connection that was connecting while the server shut down keeps that error for its next
   * query (postgres.js reconnects per query, after one failure): each failed query is fine for the
   * app (a request answered 잠시 후 다시 시도, a poller cycle retried by the next tick), but here it
   * would fail whichever step of the next scenario met it. Touch every connection once.
   */
  async function drainStaleConnections() {
    for (let round = 0; round < 2; round += 1) {
      await Promise.all([
        ...Array.from({ length: 12 }, () => world.database.db.execute(sql`select 1`).catch(() => {})),
        ...Array.from({ length: 4 }, () => world.sql`select 1`.catch(() => {})),
      ]);
    }
  }

  async function expectInvariants(settled: boolean) {
    const report = await world.invariants(settled);
    expect(report.violations, describeViolations(report)).toEqual([]);
    return report;
  }

  async function settleAndCheck() {
    await drainStaleConnections();
    const { quiet } = await world.pollUntilQuiet();
    expect(quiet, 'the poller kept finding work after the database came back').toBe(true);
    return expectInvariants(true);
  }

  /** Open documents with one waiting agent each; resolves to their outcomes. */
  async function waitersOnOpenDocuments(count: number) {
    const tally = await world.submit(count, 5);
    expect(tally).toEqual({ submitted: count, refused: 0, otherErrors: [] });
    const open = await world.sql<{ ap_inf_id: string }[]>`
      select d.ap_inf_id from knox_sim_documents d join pending_actions a using (ap_inf_id)
       where d.status between -2 and 1 and a.status = 'pending' order by a.id desc limit ${count}`;
    const outcomes = new Map<string, DecisionOutcome>();
    const waiting = open.map(({ ap_inf_id }) =>
      waitForApprovalDecision(ap_inf_id, { timeoutMs: 60_000 }).then((outcome) => {
        outcomes.set(ap_inf_id, outcome);
      }),
    );
    await waitFor(async () => (await pg.backends()).some((b) => b.application_name === LISTEN_APP), {
      what: 'the LISTEN connection',
    });
    // Each call reads its document before it registers: a fault before that would fail the call
    // itself (a database error to the agent), not test the recovery of a registered waiter.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return { ids: open.map((row) => row.ap_inf_id), outcomes, all: Promise.all(waiting) };
  }

  /**
   * Decides every waited document and runs poller cycles until each is final (the first cycles
   * after a restart may meet connections the server dropped), whose commits NOTIFY.
   */
  async function decideAndPoll(ids: string[]) {
    for (const [index, apInfId] of ids.entries()) {
      const action = index % 2 === 0 ? 'approve' : 'reject';
      const result = await world.sim.simulator.act({ apInfId, epId: world.approverEpId, action });
      expect(result.ok).toBe(true);
    }
    const summaries: unknown[] = [];
    await waitFor(
      async () => {
        summaries.push(await checkPendingApprovals().catch((error: Error) => error.message));
        const [open] = await world.sql<{ n: number }[]>`
          select count(*)::int as n from pending_actions where ap_inf_id in ${world.sql(ids)}
             and status not in ('executed', 'rejected')`;
        return open!.n === 0;
      },
      { timeoutMs: 20_000, intervalMs: 250, what: 'the poller applying the decisions' },
    ).catch((error: Error) => {
      throw new Error(`${error.message}; cycles: ${JSON.stringify(summaries)}`);
    });
  }

  async function expectAnswered(waiters: Awaited<ReturnType<typeof waitersOnOpenDocuments>>, what: string) {
    await waitFor(() => waiters.outcomes.size === waiters.ids.length, {
      timeoutMs: 20_000,
      what: `every waiting agent answered ${what} (${waiters.outcomes.size}/${waiters.ids.length})`,
    });
    await waiters.all;
    for (const outcome of waiters.outcomes.values())
      expect(['executed', 'rejected']).toContain(outcome.outcome);
  }

  it('fast shutdown then start: health says degraded meanwhile; waiters, pools and the poller recover by themselves', {
    timeout: 120_000,
  }, async () => {
    const waiters = await waitersOnOpenDocuments(sized(6));
    await pg.stop();
    const downAt = Date.now();
    const health = await healthResponse(new Request('http://localhost/api/health'));
    expect(Date.now() - downAt).toBeLessThan(4_000);
    expect(health.status).toBe(503);
    expect(await health.json()).toEqual({ status: 'degraded' });
    // The poller's cycle fails while the database is away; it must neither hang nor leave a mess.
    await expect(checkPendingApprovals()).rejects.toThrow();
    await new Promise((resolve) => setTimeout(resolve, 1_500));

    await pg.start();
    const upAt = Date.now();
    // Decided while the LISTEN connection is (most likely) still backing off: its re-read must
    // find them; the ones decided later arrive by NOTIFY.
    await decideAndPoll(waiters.ids);
    await expectAnswered(waiters, 'after the restart');
    figures.fastShutdownWaitersAnswered = Date.now() - upAt;
    await waitFor(
      async () => (await healthResponse(new Request('http://localhost/api/health'))).status === 200,
      {
        timeoutMs: 10_000,
        what: 'health back to ok',
      },
    );
    figures.fastShutdownHealthOk = Date.now() - upAt;
    await settleAndCheck();
  });

  it('the poller schedule keeps ticking through a fast shutdown and takes its lease again when the server is back', {
    timeout: 60_000,
  }, async () => {
    // node-cron reports on console.error every tick whose lease it could not take or release
    // while the database was away: that is the expected noise of this scenario.
    expectConsoleError(1_000);
    const runs: number[] = [];
    const task = createPollingScheduler({
      cron: '* * * * * *',
      holder: 'database-faults',
      leaseMs: 5_000,
      run: async () => {
        runs.push(Date.now());
        await checkPendingApprovals();
      },
    });
    await task.start();
    try {
      await waitFor(() => runs.length >= 2, { timeoutMs: 10_000, what: 'elected ticks before the fault' });
      await pg.stop();
      await new Promise((resolve) => setTimeout(resolve, 2_500));
      await pg.start();
      const upAt = Date.now();
      await waitFor(() => runs.some((at) => at > upAt), {
        timeoutMs: 15_000,
        what: 'an elected tick after the server came back',
      });
      figures.scheduleResumed = runs.find((at) => at > upAt)! - upAt;
      const [lease] = await world.sql<{ last_run_at: Date | null }[]>`
        select last_run_at from scheduler_leases where name = 'approval-poller'`;
      expect(lease?.last_run_at?.getTime() ?? 0).toBeGreaterThan(upAt - 1_000);
    } finally {
      await task.destroy();
    }
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await settleAndCheck();
  });

  it('restart during submissions and polling: nothing lost, doubled or stuck', {
    timeout: 180_000,
  }, async () => {
    const count = sized(20);
    const submitting = world.submit(count, 4);
    const polling = (async () => {
      for (let cycle = 0; cycle < 6; cycle += 1) {
        await checkPendingApprovals().catch(() => {});
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await pg.restart();
    const upAt = Date.now();
    const tally = await submitting;
    await polling;
    // A call cut by the restart may end in a database error; it must still leave one consistent
    // record (or none) that the poller settles.
    expect(tally.submitted + tally.refused + tally.otherErrors.length).toBe(count);
    await drainStaleConnections();
    await world.decide({ approve: 0.6, reject: 0.2 });
    await settleAndCheck();
    figures.restartSettled = Date.now() - upAt;
  });

  it('the LISTEN connection killed: it comes back and its waiters still hear their decisions', {
    timeout: 60_000,
  }, async () => {
    const waiters = await waitersOnOpenDocuments(sized(4));
    const killed = await pg.terminate({ applicationName: LISTEN_APP });
    expect(killed.length).toBe(1);
    const killedAt = Date.now();
    await decideAndPoll(waiters.ids);
    await expectAnswered(waiters, 'after the LISTEN connection was killed');
    await waitFor(async () => (await pg.backends()).some((b) => b.application_name === LISTEN_APP), {
      what: 'the LISTEN connection re-established',
    });
    figures.listenKilledWaitersAnswered = Date.now() - killedAt;
    await settleAndCheck();
  });

  it('a pool connection killed inside an execution transaction, then all connections at once', {
    timeout: 120_000,
  }, async () => {
    // Each handler takes a moment, so an execution transaction is open long enough to be hit.
    await world.sql.unsafe(`
      create or replace function reliability_slow_handler() returns trigger language plpgsql as $$
      begin perform pg_sleep(0.05); return new; end $$;
      drop trigger if exists reliability_slow_handler on reliability_side_effects;
      create trigger reliability_slow_handler before insert on reliability_side_effects
        for each row execute function reliability_slow_handler();`);
    try {
      const count = sized(20);
      const tally = await world.submit(count, 5);
      expect(tally.otherErrors).toEqual([]);
      await world.decide({ approve: 1, reject: 0 });
      const cycle = checkPendingApprovals().catch((error: Error) => error);
      let inTransaction: number[] = [];
      await waitFor(
        async () => {
          inTransaction = (await pg.backends())
            .filter(
              (b) =>
                b.application_name === 'approval-portal' && /pg_sleep|reliability_side_effects/.test(b.query),
            )
            .map((b) => b.pid);
          return inTransaction.length > 0;
        },
        { timeoutMs: 20_000, intervalMs: 5, what: 'an execution transaction under way' },
      );
      await pg.terminate({ pids: inTransaction.slice(0, 1) });
      await cycle;
      await expectInvariants(false);

      await world.submit(sized(10), 5);
      await world.decide({ approve: 1, reject: 0 });
      const second = checkPendingApprovals().catch((error: Error) => error);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const killedAt = Date.now();
      await pg.terminate();
      await second;
      await settleAndCheck();
      figures.allKilledSettled = Date.now() - killedAt;
    } finally {
      await world.sql.unsafe('drop trigger if exists reliability_slow_handler on reliability_side_effects');
    }
  });

  it('a vendor row held FOR UPDATE by another session: its execution gives up alone within the bound and is retried', {
    timeout: 120_000,
  }, async () => {
    const count = sized(6);
    const tally = await world.submit(count, 3);
    expect(tally.otherErrors).toEqual([]);
    const [vendor] = await world.sql<{ id: number }[]>`select id from vendors order by id limit 1`;
    const [target] = await world.sql<{ ap_inf_id: string }[]>`
      select d.ap_inf_id from knox_sim_documents d join pending_actions a using (ap_inf_id)
       where d.status between -2 and 1 and a.status = 'pending' order by a.id desc limit 1`;
    // The handler of `target` touches the vendor row, as a vendor action's handler would.
    await world.sql.unsafe(`
      create table if not exists reliability_lock_targets (ap_inf_id text primary key, vendor_id integer not null);
      create or replace function reliability_touch_vendor() returns trigger language plpgsql as $$
      begin
        perform 1 from vendors v join reliability_lock_targets t on t.vendor_id = v.id
         where t.ap_inf_id = new.ap_inf_id for update of v;
        return new;
      end $$;
      drop trigger if exists reliability_touch_vendor on reliability_side_effects;
      create trigger reliability_touch_vendor before insert on reliability_side_effects
        for each row execute function reliability_touch_vendor();`);
    await world.sql`insert into reliability_lock_targets values (${target!.ap_inf_id}, ${vendor!.id})`;
    await world.decide({ approve: 1, reject: 0 });

    const holder = postgres(world.url, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = holder.begin(async (tx) => {
      await tx`select id from vendors where id = ${vendor!.id} for update`;
      await Promise.race([released, new Promise((resolve) => setTimeout(resolve, LOCK_HOLD_MS))]);
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const startedAt = Date.now();
      await checkPendingApprovals();
      const cycleMs = Date.now() - startedAt;
      figures.lockWaitCycle = cycleMs;
      expect(cycleMs, 'the cycle waited on the held row').toBeLessThan(LOCK_TIMEOUT_MS + 2_000);
      const rows = await world.sql<{ ap_inf_id: string; status: string }[]>`
        select a.ap_inf_id, a.status from pending_actions a join knox_sim_documents d using (ap_inf_id)
         where d.status in (2, 5, 6) and a.status <> 'executed'`;
      // Only the held one is left, still open for the next cycle (not failed).
      expect(rows).toEqual([{ ap_inf_id: target!.ap_inf_id, status: 'pending' }]);
    } finally {
      release();
      await holding;
      await holder.end();
    }
    await settleAndCheck();
    await world.sql.unsafe('drop trigger if exists reliability_touch_vendor on reliability_side_effects');
  });

  it('a database that does not answer: health says degraded within its bound instead of hanging', {
    timeout: 30_000,
  }, async () => {
    // Another session holds the table health reads: the query waits, as on a stuck server.
    const holder = postgres(world.url, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const holding = holder.begin(async (tx) => {
      await tx`lock table scheduler_leases in access exclusive mode`;
      await released;
    });
    try {
      await new Promise((resolve) => setTimeout(resolve, 100));
      const startedAt = Date.now();
      const response = await healthResponse(new Request('http://localhost/api/health'));
      const tookMs = Date.now() - startedAt;
      expect(response.status).toBe(503);
      expect(await response.json()).toEqual({ status: 'degraded' });
      expect(tookMs).toBeLessThan(HEALTH_DB_TIMEOUT_MS + 1_000);
    } finally {
      release();
      await holding;
      await holder.end();
    }
    expect((await healthResponse(new Request('http://localhost/api/health'))).status).toBe(200);
  });
});
