import { verifyPassword } from 'better-auth/crypto';
import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LINE_RULES } from '@/lib/approval-lines/rules';
import { hashApiToken } from '@/lib/auth/api-tokens';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import {
  accounts,
  agentToolPermissions,
  apiTokens,
  approvalLineRules,
  approvalTemplates,
  approvalTemplateVersions,
  pqSubmissions,
  users,
  vendors,
} from '../schema';
import { DEMO_PASSWORD, DEMO_USERS, demoApiToken } from './demo-data';
import { seedDatabase } from './index';

let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('seedDatabase', () => {
  it('creates the demo accounts, templates and vendors, and is idempotent', async () => {
    const first = await seedDatabase(database.db, { demo: true });
    expect(first).toEqual({ templates: 4, users: 7, vendors: 12 });
    const second = await seedDatabase(database.db, { demo: true });
    expect(second).toEqual({ templates: 0, users: 0, vendors: 0 });

    const { db } = database;
    const [userCount] = await db.select({ value: count() }).from(users);
    expect(userCount?.value).toBe(7);
    const [versionCount] = await db.select({ value: count() }).from(approvalTemplateVersions);
    expect(versionCount?.value).toBe(4);
    const [submissionCount] = await db.select({ value: count() }).from(pqSubmissions);
    expect(submissionCount?.value).toBeGreaterThanOrEqual(9);
  });

  it('stores the demo accounts exactly as the contract lists them', async () => {
    const rows = await database.db.select().from(users);
    const byEmail = new Map(rows.map((row) => [row.email, row]));
    for (const person of DEMO_USERS) {
      expect(byEmail.get(person.email)).toMatchObject({ role: person.role, epId: person.epId });
    }
    expect(byEmail.get('park.noep@example.com')?.epId).toBeNull();
  });

  it('hashes passwords and API tokens', async () => {
    const [account] = await database.db.select().from(accounts).where(eq(accounts.userId, 'usr_admin'));
    expect(account?.password).toBeTruthy();
    expect(account?.password).not.toContain(DEMO_PASSWORD);
    expect(await verifyPassword({ hash: account!.password!, password: DEMO_PASSWORD })).toBe(true);

    const tokens = await database.db.select().from(apiTokens);
    expect(tokens).toHaveLength(7);
    const adminToken = demoApiToken('admin@example.com');
    expect(adminToken).toBe('demo-admin');
    expect(tokens.map((token) => token.tokenHash)).toContain(hashApiToken(adminToken));
    expect(tokens.every((token) => !token.tokenHash.includes('demo-'))).toBe(true);
  });

  it('seeds the three business templates with Korean placeholders', async () => {
    const names = (await database.db.select({ name: approvalTemplates.name }).from(approvalTemplates)).map(
      (t) => t.name,
    );
    expect(names).toEqual(expect.arrayContaining(['PQ 실사의뢰', 'PQ 실사 재의뢰', '정규업체 등록']));
    const [template] = await database.db
      .select()
      .from(approvalTemplates)
      .where(eq(approvalTemplates.name, '정규업체 등록'));
    expect(template?.content).toContain('{{협력업체명}}');
    expect(template?.content).toContain('{{업체정보}}');
  });

  it('leaves vendors in varied states, some regular with a vendor code', async () => {
    const rows = await database.db.select().from(vendors);
    const statuses = new Set(rows.map((row) => row.status));
    expect(statuses.size).toBeGreaterThanOrEqual(4);
    expect(rows.filter((row) => row.status === 'regular').every((row) => row.vendorCode)).toBe(true);
  });

  it('seeds a tool permission for every role and tool', async () => {
    const [permissionCount] = await database.db.select({ value: count() }).from(agentToolPermissions);
    expect(permissionCount?.value).toBe(18);
  });
});

describe('the directory and the approval-line rules', () => {
  it('links the demo people to their managers (팀원 → 팀장 → 담당임원) and seeds every default rule', async () => {
    const rows = await database.db.select({ id: users.id, managerId: users.managerId }).from(users);
    const managerOf = Object.fromEntries(rows.map((row) => [row.id, row.managerId]));
    expect(managerOf).toMatchObject({
      usr_kim: 'usr_choi',
      usr_choi: 'usr_jung',
      usr_lee: 'usr_han',
      usr_han: 'usr_jung',
      usr_jung: null,
    });
    const rules = await database.db.select().from(approvalLineRules);
    expect(Object.fromEntries(rules.map((rule) => [rule.actionType, rule.entries]))).toEqual(
      DEFAULT_LINE_RULES,
    );
  });

  it('upgrades a demo database seeded before the directory, keeping a manager set since and rule edits', async () => {
    const old = await createTestDatabase();
    try {
      await seedDatabase(old.db, { demo: true });
      await old.db.delete(users).where(eq(users.id, 'usr_han'));
      await old.db.update(users).set({ managerId: null });
      await old.db.update(users).set({ managerId: 'usr_jung' }).where(eq(users.id, 'usr_park'));
      await old.db
        .update(approvalLineRules)
        .set({ entries: DEFAULT_LINE_RULES.vendor_suspension! })
        .where(eq(approvalLineRules.actionType, 'vendor_regular_registration'));

      expect(await seedDatabase(old.db, { demo: true })).toMatchObject({ users: 1 });
      const rows = await old.db.select({ id: users.id, managerId: users.managerId }).from(users);
      expect(Object.fromEntries(rows.map((row) => [row.id, row.managerId]))).toMatchObject({
        usr_han: 'usr_jung',
        usr_lee: 'usr_han',
        usr_kim: 'usr_choi',
        usr_park: 'usr_jung',
      });
      const [kept] = await old.db
        .select()
        .from(approvalLineRules)
        .where(eq(approvalLineRules.actionType, 'vendor_regular_registration'));
      expect(kept?.entries).toEqual(DEFAULT_LINE_RULES.vendor_suspension);
    } finally {
      await old.destroy();
    }
  });
});

describe('seedDatabase without demo data', () => {
  it('still seeds templates and the approval-line rules, but no people or vendors', async () => {
    const fresh = await createTestDatabase();
    try {
      expect(await seedDatabase(fresh.db, { demo: false })).toEqual({ templates: 4, users: 0, vendors: 0 });
      expect(await fresh.db.select().from(approvalLineRules)).toHaveLength(4);
    } finally {
      await fresh.destroy();
    }
  });
});
