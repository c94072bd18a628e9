import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Db, setDatabase } from '@/db';
import { approvalLineRules, auditEvents, users } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import type { CurrentUser } from '@/lib/auth/current-user';
import { toCurrentUser } from '@/lib/auth/current-user';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { APPROVAL_LINE_RULE_CHANGED, lineRuleAuditSubject } from './rule-store';
import { DEFAULT_LINE_RULES } from './rules';

const session = vi.hoisted(() => ({ user: null as CurrentUser | null }));
vi.mock('@/lib/auth/session', () => ({ getSessionUser: async () => session.user }));
vi.mock('next/cache', () => ({ revalidatePath: () => {} }));
vi.mock('next/headers', () => ({ headers: async () => new Headers() }));

const { saveApprovalLineRuleAction } = await import('./actions');

let testDb: TestDatabase;
let db: Db;
const ACTION = 'vendor_regular_registration';
const userByEmail = async (email: string) =>
  toCurrentUser((await db.select().from(users).where(eq(users.email, email)))[0]!);
const ruleOf = async () =>
  (await db.select().from(approvalLineRules).where(eq(approvalLineRules.actionType, ACTION)))[0]!;
const events = () => db.select().from(auditEvents).where(eq(auditEvents.kind, APPROVAL_LINE_RULE_CHANGED));

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  setDatabase(testDb);
  await seedDatabase(db, { demo: true });
});
afterAll(() => testDb?.destroy());
beforeEach(() => {
  session.user = null;
});

const onlyTeamLead = [{ kind: 'manager', title: '팀장', role: 'approve', arbitrary: true }] as const;

describe('saveApprovalLineRuleAction', () => {
  it('refuses everyone but admins, changing nothing', async () => {
    session.user = await userByEmail('kim.employee@example.com');
    const result = await saveApprovalLineRuleAction({ actionType: ACTION, entries: [...onlyTeamLead] });
    expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await ruleOf()).entries).toEqual(DEFAULT_LINE_RULES[ACTION]);
    expect(await events()).toHaveLength(0);
  });

  it('refuses a rule without 결재 and an unregistered action type, in Korean', async () => {
    session.user = await userByEmail('admin@example.com');
    const noApprove = await saveApprovalLineRuleAction({
      actionType: ACTION,
      entries: [{ kind: 'manager', title: '팀장', role: 'agree', arbitrary: false }],
    });
    expect(noApprove).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!noApprove.ok) expect(noApprove.error.message).toContain('결재 단계가 하나 이상');
    const unknown = await saveApprovalLineRuleAction({
      actionType: 'no_such_action',
      entries: [...onlyTeamLead],
    });
    expect(unknown).toMatchObject({ ok: false, error: { code: 'UNKNOWN_ACTION_TYPE' } });
    expect(await events()).toHaveLength(0);
  });

  it('saves an admin’s rule with one audit event holding before and after; an unchanged save records nothing', async () => {
    session.user = await userByEmail('admin@example.com');
    const result = await saveApprovalLineRuleAction({ actionType: ACTION, entries: [...onlyTeamLead] });
    expect(result).toEqual({ ok: true, data: { changed: true } });
    const saved = await ruleOf();
    expect(saved.entries).toEqual(onlyTeamLead);
    expect(saved.updatedBy).toBe('usr_admin');
    const [event] = await events();
    expect(event).toMatchObject({
      actorId: 'usr_admin',
      subject: lineRuleAuditSubject(ACTION),
      detail: { actionType: ACTION, before: DEFAULT_LINE_RULES[ACTION], after: onlyTeamLead },
    });

    expect(await saveApprovalLineRuleAction({ actionType: ACTION, entries: [...onlyTeamLead] })).toEqual({
      ok: true,
      data: { changed: false },
    });
    expect(await events()).toHaveLength(1);
  });
});
