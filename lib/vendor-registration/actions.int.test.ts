import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Db, setDatabase } from '@/db';
import { approvalLogs, pendingActions, users, vendors } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import type { CurrentUser } from '@/lib/auth/current-user';
import { toCurrentUser } from '@/lib/auth/current-user';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';

// The action reads the browser session; here the test says who is signed in.
const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));

const { requestRegularRegistrationAction } = await import('./actions');

let testDb: TestDatabase;
let db: Db;
let vendorId: number;

const userByEmail = async (email: string) =>
  toCurrentUser((await db.select().from(users).where(eq(users.email, email)))[0]!);

async function nothingCreated() {
  const [actions] = await db.select({ value: count() }).from(pendingActions);
  const [logs] = await db.select({ value: count() }).from(approvalLogs);
  const [vendor] = await db.select().from(vendors).where(eq(vendors.id, vendorId));
  expect(actions!.value).toBe(0);
  expect(logs!.value).toBe(0);
  expect(vendor!.status).toBe('pq_approved');
}

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  setDatabase(testDb);
  await seedDatabase(db, { demo: true });
  vendorId = (await db.select().from(vendors).where(eq(vendors.name, '미래소재(주)')))[0]!.id;
});
afterAll(() => testDb?.destroy());
beforeEach(() => {
  session.user = null;
});

const validInput = () => ({ vendorId, reason: '등록 요청', items: [] });

describe('requestRegularRegistrationAction', () => {
  it('refuses a user without an EP ID with the Korean message, creating nothing', async () => {
    session.user = await userByEmail('park.noep@example.com');
    await expect(requestRegularRegistrationAction(validInput())).resolves.toEqual({
      ok: false,
      error: { code: 'MISSING_EP_ID', message: 'Knox EP ID가 없어 결재 기능을 사용할 수 없습니다' },
    });
    await nothingCreated();
  });

  it('refuses without a session', async () => {
    const result = await requestRegularRegistrationAction(validInput());
    expect(result).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    await nothingCreated();
  });

  it('answers bad input with a readable message, creating nothing', async () => {
    session.user = await userByEmail('kim.employee@example.com');
    const result = await requestRegularRegistrationAction({ ...validInput(), reason: ' ' });
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!result.ok) expect(result.error.message).toContain('등록 사유를 입력하세요');
    await nothingCreated();
  });

  it("turns the domain's refusal into a result: a vendor that is not PQ 승인", async () => {
    session.user = await userByEmail('kim.employee@example.com');
    const regular = (await db.select().from(vendors).where(eq(vendors.name, '동양케미칼')))[0]!;
    const result = await requestRegularRegistrationAction({ ...validInput(), vendorId: regular.id });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.message).toContain(
        '정규업체 등록은 PQ 승인된 업체만 가능합니다 (동양케미칼: 정규업체)',
      );
      expect(result.error.message).not.toContain('regular');
    }
    await nothingCreated();
  });
});
