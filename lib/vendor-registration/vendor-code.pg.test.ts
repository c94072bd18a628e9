/**
 * Bug 5 of issue 16: a batch in which one handler throws must not run the others twice, nor burn
 * vendor codes. Approved registrations share an execution batch with a handler that calls an
 * outside system (counted in memory, where a rollback cannot hide a second call) and one that
 * throws; the codes issued must be the first ones, with no gap.
 */
import { eq, inArray, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setDatabase } from '@/db';
import { rowsOf } from '@/db/raw-sql';
import { pendingActions, vendors } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { executeApprovedActions, registerActionHandler } from '@/lib/approval';
import { resetEnvCache } from '@/lib/env';
import { kstYear } from '@/lib/time/kst';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { nextVendorCode } from './handlers';

let database: TestDatabase;
const outsideCalls = new Map<string, number>();
let vendorIds: number[] = [];
let sequence = 0;

async function approvedAction(actionType: string, payload: unknown): Promise<string> {
  sequence += 1;
  const apInfId = `VCODE${String(sequence).padStart(7, '0')}`;
  await database.db.execute(sql`
    insert into approval_logs (ap_inf_id, status, title, content, requester_ep_id, submitted_at)
    values (${apInfId}, 2, '정규업체 등록', '<p>-</p>', 'E1001', now())`);
  await database.db.execute(sql`
    insert into pending_actions (ap_inf_id, action_type, action_payload, status)
    values (${apInfId}, ${actionType}, ${JSON.stringify(payload)}::jsonb, 'pending')`);
  return apInfId;
}

const registration = (vendorId: number) => ({
  vendorId,
  reason: '시험 등록',
  items: [],
  requestedBy: 'usr_kim',
  previousStatus: 'pq_approved',
});

beforeAll(async () => {
  process.env.APPROVAL_WORKFLOW_ENABLED = 'true';
  resetEnvCache();
  database = await createTestDatabase({ poolSize: 4 });
  setDatabase(database);
  await seedDatabase(database.db, { demo: true });
  const candidates = await database.db
    .select({ id: vendors.id })
    .from(vendors)
    .where(sql`${vendors.vendorCode} is null`)
    .limit(3);
  vendorIds = candidates.map((row) => row.id);
  expect(vendorIds).toHaveLength(3);
  await database.db
    .update(vendors)
    .set({ status: 'registration_pending' })
    .where(inArray(vendors.id, vendorIds));
  registerActionHandler<{ label: string }>('vcode_outside_call', {
    risk: 'HIGH',
    async execute(payload, ctx) {
      outsideCalls.set(ctx.apInfId, (outsideCalls.get(ctx.apInfId) ?? 0) + 1);
      return { label: payload.label };
    },
  });
  registerActionHandler('vcode_throws', {
    risk: 'HIGH',
    async execute(_payload, ctx) {
      // A write first: it must be undone with the throw, and only it.
      await ctx.tx.execute(sql`update vendors set contact_phone = 'THROWN' where id = ${vendorIds[2]!}`);
      throw new Error('시험용 실패');
    },
  });
});

afterAll(async () => {
  await database?.destroy();
});

describe('a batch with one failing handler (PostgreSQL)', () => {
  it('runs every other handler once, keeps their writes, burns no vendor code', async () => {
    const year = kstYear();
    const first = await approvedAction('vendor_regular_registration', registration(vendorIds[0]!));
    const outside = await approvedAction('vcode_outside_call', { label: 'outside' });
    const second = await approvedAction('vendor_regular_registration', registration(vendorIds[1]!));
    const failing = await approvedAction('vcode_throws', {});

    const outcomes = await executeApprovedActions([first, outside, second, failing]);
    expect(outcomes.map((outcome) => [outcome.apInfId, outcome.status])).toEqual([
      [first, 'executed'],
      [outside, 'executed'],
      [second, 'executed'],
      [failing, 'failed'],
    ]);
    expect.soft(outsideCalls.get(outside)).toBe(1);

    const codes = await database.db
      .select({
        id: vendors.id,
        code: vendors.vendorCode,
        status: vendors.status,
        phone: vendors.contactPhone,
      })
      .from(vendors)
      .where(inArray(vendors.id, vendorIds))
      .orderBy(vendors.id);
    const byId = new Map(codes.map((row) => [row.id, row]));
    expect.soft(byId.get(vendorIds[0]!)).toMatchObject({ code: `V-${year}-00001`, status: 'regular' });
    expect.soft(byId.get(vendorIds[1]!)).toMatchObject({ code: `V-${year}-00002`, status: 'regular' });
    expect(byId.get(vendorIds[2]!)?.phone).not.toBe('THROWN');

    // One row per attempt: the failing document's attempt is recorded, the others' once each.
    const attempts = rowsOf<{ ap_inf_id: string; attempts: number }>(
      await database.db.execute(sql`select ap_inf_id, attempts from pending_actions order by id`),
    );
    expect(attempts.map((row) => Number(row.attempts))).toEqual([1, 1, 1, 1]);
    const [failed] = await database.db
      .select()
      .from(pendingActions)
      .where(eq(pendingActions.apInfId, failing));
    expect(failed?.errorMessage).toContain('시험용 실패');

    // The next registration gets the next number: nothing was burned by the failed batch.
    const third = await approvedAction('vendor_regular_registration', registration(vendorIds[2]!));
    await executeApprovedActions([third]);
    const [next] = await database.db.select().from(vendors).where(eq(vendors.id, vendorIds[2]!));
    expect(next?.vendorCode).toBe(`V-${year}-00003`);
  });

  it('a registration rolled back gives its number back', async () => {
    const year = kstYear();
    await expect(
      database.db.transaction(async (tx) => {
        expect(await nextVendorCode(tx)).toBe(`V-${year}-00004`);
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    expect(await database.db.transaction((tx) => nextVendorCode(tx))).toBe(`V-${year}-00004`);
  });
});
