import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approvalEvents, approvalLogs, pendingActions } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import type { CurrentUser } from '@/lib/auth/current-user';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import {
  countFailedActionsByError,
  countPendingActionsByStatus,
  getApprovalWithTimeline,
  listApprovals,
  listPendingActions,
} from './queries';

let database: TestDatabase;

const admin: Pick<CurrentUser, 'id' | 'role'> = { id: 'usr_admin', role: 'admin' };
const kim: Pick<CurrentUser, 'id' | 'role'> = { id: 'usr_kim', role: 'employee' };
const lee: Pick<CurrentUser, 'id' | 'role'> = { id: 'usr_lee', role: 'employee' };

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000);

beforeAll(async () => {
  database = await createTestDatabase();
  const { db } = database;
  await seedDatabase(db, { demo: true });
  await db.insert(approvalLogs).values([
    {
      apInfId: 'AP-KIM-1',
      status: 1,
      title: '정규업체 등록 요청 - 대한정밀',
      content: '<p>1</p>',
      requesterId: 'usr_kim',
      requesterEpId: 'E1001',
      createdAt: minutesAgo(30),
    },
    {
      apInfId: 'AP-KIM-2',
      status: 2,
      title: 'PQ 실사 의뢰 - 50%_할인상사',
      content: '<p>2</p>',
      requesterId: 'usr_kim',
      requesterEpId: 'E1001',
      createdAt: minutesAgo(20),
    },
    {
      apInfId: 'AP-LEE-1',
      status: 3,
      title: '거래정지 요청 - 삼성부품',
      content: '<p>3</p>',
      requesterId: 'usr_lee',
      requesterEpId: 'E1002',
      createdAt: minutesAgo(10),
    },
    {
      apInfId: 'AP-ORPHAN',
      status: 1,
      title: '행위 없는 문서',
      content: '<p>4</p>',
      requesterId: 'usr_lee',
      requesterEpId: 'E1002',
      createdAt: minutesAgo(5),
    },
  ]);
  await db.insert(pendingActions).values([
    {
      apInfId: 'AP-KIM-1',
      actionType: 'vendor.regular_registration',
      actionPayload: { vendorId: 1 },
      status: 'pending',
      createdBy: 'usr_kim',
    },
    {
      apInfId: 'AP-KIM-2',
      actionType: 'vendor.pq_investigation',
      actionPayload: { vendorId: 2 },
      status: 'failed',
      errorMessage: 'vendor not found',
      createdBy: 'usr_kim',
    },
    {
      apInfId: 'AP-LEE-1',
      actionType: 'vendor.suspension',
      actionPayload: { vendorId: 3 },
      status: 'failed',
      errorMessage: 'vendor not found',
      createdBy: 'usr_lee',
    },
    {
      apInfId: 'AP-NO-LOG',
      actionType: 'vendor.suspension',
      actionPayload: { vendorId: 4 },
      status: 'failed',
      errorMessage: 'timeout',
      createdBy: 'usr_lee',
    },
  ]);
  await db.insert(approvalEvents).values([
    { apInfId: 'AP-KIM-2', actor: 'usr_kim', eventType: 'submitted', toStatus: 'pending' },
    { apInfId: 'AP-KIM-2', actor: 'system:poller', eventType: 'approved', fromStatus: 'pending' },
    { apInfId: 'AP-KIM-2', actor: 'system:poller', eventType: 'failed', toStatus: 'failed' },
    { apInfId: 'AP-KIM-1', actor: 'usr_kim', eventType: 'submitted', toStatus: 'pending' },
  ]);
});
afterAll(() => database.destroy());

describe('listApprovals', () => {
  it('shows an admin every approval, newest first, with its action and requester', async () => {
    const { items, total } = await listApprovals(database.db, { viewer: admin });
    expect(total).toBe(4);
    expect(items.map((item) => item.apInfId)).toEqual(['AP-ORPHAN', 'AP-LEE-1', 'AP-KIM-2', 'AP-KIM-1']);
    const kimFirst = items.find((item) => item.apInfId === 'AP-KIM-1')!;
    expect(kimFirst).toMatchObject({
      knoxStatus: 1,
      requesterName: '김구매',
      action: { actionType: 'vendor.regular_registration', status: 'pending' },
    });
    expect(items.find((item) => item.apInfId === 'AP-ORPHAN')?.action).toBeNull();
  });

  it('shows an employee only their own, whatever they ask for', async () => {
    const { items, total } = await listApprovals(database.db, { viewer: kim });
    expect(total).toBe(2);
    expect(items.map((item) => item.apInfId).sort()).toEqual(['AP-KIM-1', 'AP-KIM-2']);
    const lees = await listApprovals(database.db, { viewer: lee, mine: false });
    expect(lees.items.map((item) => item.apInfId).sort()).toEqual(['AP-LEE-1', 'AP-ORPHAN']);
  });

  it('narrows an admin to their own with mine', async () => {
    const { total } = await listApprovals(database.db, { viewer: admin, mine: true });
    expect(total).toBe(0);
  });

  it('filters by Knox status and by search text, treating LIKE wildcards literally', async () => {
    const completed = await listApprovals(database.db, { viewer: admin, status: 2 });
    expect(completed.items.map((item) => item.apInfId)).toEqual(['AP-KIM-2']);
    const byTitle = await listApprovals(database.db, { viewer: admin, search: '거래정지' });
    expect(byTitle.items.map((item) => item.apInfId)).toEqual(['AP-LEE-1']);
    const byId = await listApprovals(database.db, { viewer: admin, search: 'ap-kim' });
    expect(byId.total).toBe(2);
    const literal = await listApprovals(database.db, { viewer: admin, search: '50%_' });
    expect(literal.items.map((item) => item.apInfId)).toEqual(['AP-KIM-2']);
    const failedActions = await listApprovals(database.db, { viewer: admin, actionStatus: 'failed' });
    expect(failedActions.items.map((item) => item.apInfId)).toEqual(['AP-LEE-1', 'AP-KIM-2']);
    const wildcardOnly = await listApprovals(database.db, { viewer: admin, search: '%' });
    expect(wildcardOnly.items.map((item) => item.apInfId)).toEqual(['AP-KIM-2']);
  });

  it('pages with limit and offset while total counts every match', async () => {
    const page = await listApprovals(database.db, { viewer: admin, limit: 2, offset: 1 });
    expect(page.total).toBe(4);
    expect(page.items.map((item) => item.apInfId)).toEqual(['AP-LEE-1', 'AP-KIM-2']);
  });
});

describe('getApprovalWithTimeline', () => {
  it('returns the document, its action and its events in order', async () => {
    const detail = await getApprovalWithTimeline(database.db, 'AP-KIM-2');
    expect(detail?.approval).toMatchObject({ apInfId: 'AP-KIM-2', status: 2, requesterName: '김구매' });
    expect(detail?.action).toMatchObject({ status: 'failed', errorMessage: 'vendor not found' });
    expect(detail?.events.map((event) => event.eventType)).toEqual(['submitted', 'approved', 'failed']);
  });

  it('returns null for an unknown Knox id', async () => {
    expect(await getApprovalWithTimeline(database.db, 'AP-NOPE')).toBeNull();
  });
});

describe('pending action queries', () => {
  it('lists failed actions with requester and error, including one without an approval log', async () => {
    const { items, total } = await listPendingActions(database.db, { status: 'failed' });
    expect(total).toBe(3);
    expect(items.map((item) => item.apInfId).sort()).toEqual(['AP-KIM-2', 'AP-LEE-1', 'AP-NO-LOG']);
    expect(items.find((item) => item.apInfId === 'AP-LEE-1')).toMatchObject({
      requesterName: '이품질',
      errorMessage: 'vendor not found',
      title: '거래정지 요청 - 삼성부품',
      knoxStatus: 3,
    });
    expect(items.find((item) => item.apInfId === 'AP-NO-LOG')).toMatchObject({
      title: null,
      knoxStatus: null,
    });
    const all = await listPendingActions(database.db);
    expect(all.total).toBe(4);
  });

  it('counts failed actions by error and all actions by status', async () => {
    expect(await countFailedActionsByError(database.db)).toEqual([
      { errorMessage: 'vendor not found', count: 2 },
      { errorMessage: 'timeout', count: 1 },
    ]);
    const byStatus = await countPendingActionsByStatus(database.db);
    expect(byStatus).toMatchObject({ pending: 1, failed: 3, executed: 0, resolved: 0 });
  });
});
