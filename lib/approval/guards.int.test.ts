/**
 * Guards of the poller that no other test caught (issue 15 §2; see `npm run mutation`): every open
 * document is asked about, once, across page and batch boundaries; a quiet document's
 * doc_chg_num never goes backwards; and the lease's slot only moves forward. Knox is a plain
 * in-memory client here: these are about our own bookkeeping, not Knox's behaviour.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type Db, setDatabase } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import { checkPendingApprovals, processKnoxStatus } from '@/lib/approval';
import { createLeaseCoordinator, POLLER_LEASE_MS } from '@/lib/approval/testing/poller-lease';
import { resetEnvCache } from '@/lib/env';
import {
  type ApprovalStatusResult,
  KNOX_STATUS_BATCH_SIZE,
  type KnoxApprovalClient,
  setDefaultKnoxClient,
} from '@/lib/knox-api/approval';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { waitFor } from '@/tests/setup/wait-for';

let database: TestDatabase;

/** Every id Knox was asked about, in order; and what Knox answers per id (default: open, 1). */
const asked: string[] = [];
const answers = new Map<string, { status: 1; docChgNum: number }>();
const inMemoryKnox: KnoxApprovalClient = {
  submitApproval: async (input) => ({ apInfId: input.apInfId }),
  async getApprovalStatuses(ids): Promise<ApprovalStatusResult[]> {
    asked.push(...ids);
    return ids.map((apInfId) => ({ apInfId, found: true, status: 1, docChgNum: 1, ...answers.get(apInfId) }));
  },
  getApprovalDetail: async (apInfId) => ({ apInfId, subject: '-', status: 1, docChgNum: 1, aplns: [] }),
  cancelApproval: async () => {},
};

/** Open documents whose submit Knox confirmed, recorded as open (1) with doc_chg_num 1. */
async function insertOpenDocuments(prefix: string, count: number): Promise<string[]> {
  await database.db.execute(sql`
    insert into approval_logs (ap_inf_id, status, doc_chg_num, title, content, requester_ep_id, submitted_at)
    select ${prefix} || lpad(n::text, 6, '0'), 1, 1, '가드 시험', '<p>-</p>', 'E1001', now()
      from generate_series(1, ${count}) n`);
  await database.db.execute(sql`
    insert into pending_actions (ap_inf_id, action_type, action_payload, status)
    select ${prefix} || lpad(n::text, 6, '0'), 'guard_quiet', '{}'::jsonb, 'pending'
      from generate_series(1, ${count}) n`);
  return Array.from({ length: count }, (_, i) => `${prefix}${String(i + 1).padStart(6, '0')}`);
}

const docChgNumOf = async (apInfId: string) =>
  Number(
    rowsOf<{ doc_chg_num: number }>(
      await database.db.execute(sql`select doc_chg_num from approval_logs where ap_inf_id = ${apInfId}`),
    )[0]!.doc_chg_num,
  );

beforeAll(async () => {
  process.env.APPROVAL_WORKFLOW_ENABLED = 'true';
  resetEnvCache();
  database = await createTestDatabase();
  setDatabase(database);
  setDefaultKnoxClient(inMemoryKnox);
});

afterAll(async () => {
  setDefaultKnoxClient(null);
  await database?.destroy();
  delete process.env.APPROVAL_WORKFLOW_ENABLED;
  resetEnvCache();
});

beforeEach(() => {
  asked.length = 0;
  answers.clear();
});

describe('the poller asks about every open document', () => {
  it('1,150 open documents (a first page of 100, a full page of 1,000, a last one of 50): each asked once', async () => {
    // More than one Knox batch per page and more than one page, none of them a multiple of the
    // other: a document lost at the end of a batch or of a page shows up as never asked.
    const ids = await insertOpenDocuments('GB', 11 * KNOX_STATUS_BATCH_SIZE + KNOX_STATUS_BATCH_SIZE / 2);
    const summary = await checkPendingApprovals();

    const times = new Map<string, number>();
    for (const id of asked) times.set(id, (times.get(id) ?? 0) + 1);
    expect(
      ids.filter((id) => !times.has(id)),
      'open documents never asked about',
    ).toEqual([]);
    expect(
      [...times].filter(([, n]) => n !== 1),
      'documents asked about more than once',
    ).toEqual([]);
    expect(summary.checked).toBe(ids.length);
  });
});

describe('quiet documents', () => {
  it('an answer behind the recorded doc_chg_num does not move it back', async () => {
    const [behind, ahead] = await insertOpenDocuments('GQ', 2);
    // Recorded from a newer answer (another instance's cycle or a 새로고침); this cycle's read of
    // Knox predates it. Both are still open with status 1: the quiet path records them in bulk.
    await database.db.execute(
      sql`update approval_logs set doc_chg_num = 5 where ap_inf_id in (${behind!}, ${ahead!})`,
    );
    answers.set(behind!, { status: 1, docChgNum: 3 });
    answers.set(ahead!, { status: 1, docChgNum: 7 });

    await checkPendingApprovals();
    expect(asked).toEqual(expect.arrayContaining([behind, ahead]));
    expect(await docChgNumOf(behind!)).toBe(5);
    expect(await docChgNumOf(ahead!)).toBe(7);
  });
});

describe('one document answered out of order', () => {
  it('an open answer behind the recorded doc_chg_num is stale: approval_logs keeps the newer one', async () => {
    const [apInfId] = await insertOpenDocuments('GL', 1);
    await database.db.execute(sql`update approval_logs set doc_chg_num = 5 where ap_inf_id = ${apInfId!}`);

    // Read from Knox before the answer recorded at 5 (a slow cycle), applied after it (a 새로고침).
    await processKnoxStatus(apInfId!, { apInfId: apInfId!, found: true, status: 1, docChgNum: 3 });
    expect(await docChgNumOf(apInfId!)).toBe(5);
    await processKnoxStatus(apInfId!, { apInfId: apInfId!, found: true, status: 1, docChgNum: 6 });
    expect(await docChgNumOf(apInfId!)).toBe(6);
  });
});

describe('poller lease', () => {
  const slot = (second: number) => `approval-poller:2026-12-02T00:00:${String(second).padStart(2, '0')}.000Z`;

  it('a slot already run is never run again, by anyone, once its lease is released; an older one neither', async () => {
    const a = createLeaseCoordinator(async () => database.db, 'instance-a');
    const b = createLeaseCoordinator(async () => database.db, 'instance-b');
    expect(await a.shouldRun(slot(10), POLLER_LEASE_MS)).toBe(true);
    await a.onComplete(slot(10));

    // A slower instance whose cron fires for the same tick only now: the lease is free, but the
    // tick was run. Nor does a late tick from before it run.
    expect(await b.shouldRun(slot(10), POLLER_LEASE_MS)).toBe(false);
    expect(await b.shouldRun(slot(9), POLLER_LEASE_MS)).toBe(false);
    expect(await a.shouldRun(slot(10), POLLER_LEASE_MS)).toBe(false);

    expect(await b.shouldRun(slot(11), POLLER_LEASE_MS)).toBe(true);
    await b.onComplete(slot(11));
  });

  it("a holder that comes back after losing its lease never renews the new holder's lease", async () => {
    const leaseLeftMs = async () =>
      Number(
        rowsOf<{ left_ms: number }>(
          await database.db.execute(sql`
            select extract(epoch from lease_expires_at - now()) * 1000 as left_ms
              from scheduler_leases where name = 'approval-poller'`),
        )[0]!.left_ms,
      );
    // Instance a's connection: down while it "hangs", and counting its statements once it is back.
    let down = false;
    let statementsSinceBack = 0;
    const counted = new Proxy(database.db, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== 'execute') return value;
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          statementsSinceBack += 1;
          return result;
        };
      },
    }) as Db;
    const ttl = 300;
    const a = createLeaseCoordinator(async () => {
      if (down) throw new Error('connection lost');
      return counted;
    }, 'instance-a');
    const b = createLeaseCoordinator(async () => database.db, 'instance-b');
    expect(await a.shouldRun(slot(20), ttl)).toBe(true);
    down = true;
    await waitFor(() => b.shouldRun(slot(21), POLLER_LEASE_MS), {
      timeoutMs: ttl * 20,
      what: 'instance-b elected once the lease of a lapsed',
    });

    statementsSinceBack = 0;
    down = false;
    // a's renewal timer (every ttl / 3) runs once more against the row b now holds.
    await waitFor(() => statementsSinceBack > 0, {
      timeoutMs: ttl * 20,
      what: 'a renewal attempt by instance-a',
    });
    expect(await leaseLeftMs()).toBeGreaterThan(POLLER_LEASE_MS / 2);
    await b.onComplete(slot(21));
    await a.onComplete(slot(20));
  });
});
