import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import {
  getPqSubmission,
  getVendorDetail,
  listAssignableUsers,
  listVendors,
  searchApprovers,
} from './queries';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await seedDatabase(db, { demo: true });
});
afterAll(() => testDb?.destroy());

describe('listVendors', () => {
  it('pages through every vendor exactly once', async () => {
    const first = await listVendors(db, { page: 1, pageSize: 5 });
    const second = await listVendors(db, { page: 2, pageSize: 5 });
    const third = await listVendors(db, { page: 3, pageSize: 5 });
    expect(first.total).toBe(12);
    expect(first.pageCount).toBe(3);
    const names = [...first.rows, ...second.rows, ...third.rows].map((vendor) => vendor.name);
    expect(names).toHaveLength(12);
    expect(new Set(names).size).toBe(12);
  });

  it('clamps a page past the end to the last page', async () => {
    const page = await listVendors(db, { page: 99, pageSize: 5 });
    expect(page.page).toBe(3);
    expect(page.rows.length).toBeGreaterThan(0);
  });

  it('searches name, business number and vendor code, and filters by status', async () => {
    expect((await listVendors(db, { query: '한빛', page: 1, pageSize: 10 })).rows.map((v) => v.name)).toEqual(
      ['(주)한빛정밀'],
    );
    expect((await listVendors(db, { query: 'V-2024-00017', page: 1, pageSize: 10 })).rows[0]?.name).toBe(
      '동양케미칼',
    );
    const regular = await listVendors(db, { status: 'regular', page: 1, pageSize: 10 });
    expect(regular.rows.every((vendor) => vendor.status === 'regular')).toBe(true);
    expect(regular.total).toBe(2);
  });

  it('treats % and _ typed by a user as plain characters', async () => {
    expect((await listVendors(db, { query: '%', page: 1, pageSize: 10 })).total).toBe(0);
    expect((await listVendors(db, { query: '_', page: 1, pageSize: 10 })).total).toBe(0);
  });
});

describe('vendor detail', () => {
  it('returns the PQ submissions and investigations, or null for an unknown vendor', async () => {
    const [vendor] = (await listVendors(db, { query: '세진산업', page: 1, pageSize: 1 })).rows;
    const detail = await getVendorDetail(db, vendor!.id);
    expect(detail!.submissions.length).toBeGreaterThan(0);
    expect(detail!.investigations.length).toBeGreaterThan(0);
    expect(await getVendorDetail(db, 987_654)).toBeNull();
  });

  it('finds a PQ only under its own vendor', async () => {
    const [vendor] = (await listVendors(db, { query: '세진산업', page: 1, pageSize: 1 })).rows;
    const detail = await getVendorDetail(db, vendor!.id);
    const submission = detail!.submissions[0]!;
    expect((await getPqSubmission(db, vendor!.id, submission.id))?.submission.id).toBe(submission.id);
    expect(await getPqSubmission(db, vendor!.id + 1, submission.id)).toBeNull();
  });
});

describe('searchApprovers', () => {
  it('finds only people with an EP ID, never the requester', async () => {
    const everyone = await searchApprovers(db, '');
    expect(everyone.every((person) => person.epId)).toBe(true);
    expect(everyone.map((person) => person.email)).not.toContain('park.noep@example.com');
    const kim = everyone.find((person) => person.email === 'kim.employee@example.com')!;
    const withoutKim = await searchApprovers(db, '', { excludeUserId: kim.id });
    expect(withoutKim.map((person) => person.id)).not.toContain(kim.id);
  });

  it('matches name, team and EP ID', async () => {
    expect((await searchApprovers(db, '최팀장')).map((p) => p.epId)).toEqual(['A2001']);
    expect((await searchApprovers(db, 'A2002')).map((p) => p.name)).toEqual(['정상무']);
    expect((await searchApprovers(db, '박신입')).length).toBe(0);
  });
});

describe('listAssignableUsers', () => {
  it('offers only the QM staff (품질경영팀) of the directory', async () => {
    const people = await listAssignableUsers(db);
    expect(people.map((person) => person.name)).toEqual(['이품질', '한품질']);
  });
});
