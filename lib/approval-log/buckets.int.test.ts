import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalLogs, PENDING_ACTION_STATUSES, pendingActions } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import type { CurrentUser } from '@/lib/auth/current-user';
import { KNOX_STATUS_CODES } from '@/lib/knox-api/approval';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { APPROVAL_BUCKETS, approvalBucket } from './buckets';
import { kstDayRange } from './filters';
import { countApprovalsByBucket, listApprovals } from './queries';

let database: TestDatabase;
const kim: Pick<CurrentUser, 'id' | 'role'> = { id: 'usr_kim', role: 'employee' };
const admin: Pick<CurrentUser, 'id' | 'role'> = { id: 'usr_admin', role: 'admin' };

/** Every Knox status with every action status (and none), for kim; one document for lee. */
const combos = KNOX_STATUS_CODES.flatMap((knoxStatus) =>
  [...PENDING_ACTION_STATUSES, null].map((actionStatus) => ({ knoxStatus, actionStatus })),
);
const idOf = (index: number) => `AP-B-${String(index).padStart(3, '0')}`;

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await seedDatabase(db, { demo: true });
  await db.insert(approvalLogs).values([
    ...combos.map((combo, index) => ({
      apInfId: idOf(index),
      status: combo.knoxStatus,
      title: `문서 ${index}`,
      content: '<p></p>',
      requesterId: 'usr_kim',
      requesterEpId: 'E1001',
      // Day by day back from 2026-12-10 KST noon, so date ranges pick known documents.
      createdAt: new Date(Date.UTC(2026, 11, 10, 3) - (index % 10) * 86_400_000),
    })),
    {
      apInfId: 'AP-B-LEE',
      status: 2,
      title: '이품질 문서',
      content: '<p></p>',
      requesterId: 'usr_lee',
      requesterEpId: 'E1002',
    },
  ]);
  await db.insert(pendingActions).values([
    ...combos.flatMap((combo, index) =>
      combo.actionStatus
        ? [
            {
              apInfId: idOf(index),
              actionType: index % 2 ? 'type_odd' : 'type_even',
              actionPayload: {},
              status: combo.actionStatus,
              createdBy: 'usr_kim',
            },
          ]
        : [],
    ),
    {
      apInfId: 'AP-B-LEE',
      actionType: 'type_even',
      actionPayload: {},
      status: 'failed',
      createdBy: 'usr_lee',
    },
  ]);
});
afterAll(() => database?.destroy());

const ids = (items: Array<{ apInfId: string }>) => items.map((item) => item.apInfId).sort();

describe('buckets in SQL follow the one rule', () => {
  it('the filter of each bucket lists exactly the documents approvalBucket puts there, and the counts agree', async () => {
    const counts = await countApprovalsByBucket(database.db, { viewer: kim, mine: true });
    let sum = 0;
    for (const bucket of APPROVAL_BUCKETS) {
      const expected = combos.flatMap((combo, index) =>
        approvalBucket(combo) === bucket ? [idOf(index)] : [],
      );
      const { items, total } = await listApprovals(database.db, { viewer: kim, bucket, limit: 500 });
      expect(ids(items), bucket).toEqual(expected.sort());
      expect(total).toBe(expected.length);
      expect(counts[bucket]).toBe(expected.length);
      sum += counts[bucket];
    }
    // Each document once.
    expect(sum).toBe(combos.length);
  });

  it('an admin counts everyone; an employee never sees another person’s document', async () => {
    const all = await countApprovalsByBucket(database.db, { viewer: admin, mine: false });
    const own = await countApprovalsByBucket(database.db, { viewer: kim, mine: false });
    expect(all.failed).toBe(own.failed + 1);
    const { items } = await listApprovals(database.db, { viewer: kim, bucket: 'failed', limit: 500 });
    expect(ids(items)).not.toContain('AP-B-LEE');
  });

  it('filters by action type and by KST date range together with the bucket', async () => {
    const range = kstDayRange({ from: '2026-12-09', to: '2026-12-10' });
    const { items } = await listApprovals(database.db, {
      viewer: kim,
      bucket: 'execute',
      actionType: 'type_even',
      createdFrom: range.from,
      createdBefore: range.before,
      limit: 500,
    });
    const expected = combos.flatMap((combo, index) =>
      approvalBucket(combo) === 'execute' && index % 2 === 0 && index % 10 <= 1 ? [idOf(index)] : [],
    );
    expect(expected.length).toBeGreaterThan(0);
    expect(ids(items)).toEqual(expected.sort());
  });
});
