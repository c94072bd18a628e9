import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { vendors } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { correctVendorStatus, VendorCorrectionError } from './vendors';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await seedDatabase(db, { demo: true });
});
afterAll(() => testDb?.destroy());

const vendorNamed = async (name: string) =>
  (await db.select().from(vendors).where(eq(vendors.name, name)))[0]!;

describe('correctVendorStatus', () => {
  it('moves a vendor from the status the admin saw to a correctable one', async () => {
    const vendor = await vendorNamed('미래소재(주)');
    expect(vendor.status).toBe('pq_approved');
    await expect(
      correctVendorStatus(db, {
        vendorId: vendor.id,
        from: 'pq_approved',
        to: 'pq_submitted',
        note: '재심사',
        actorId: 'x',
      }),
    ).resolves.toEqual({ vendorId: vendor.id, status: 'pq_submitted' });
    expect((await vendorNamed('미래소재(주)')).status).toBe('pq_submitted');
  });

  it('refuses when the status changed meanwhile, and changes nothing', async () => {
    const vendor = await vendorNamed('미래소재(주)');
    const error = await correctVendorStatus(db, {
      vendorId: vendor.id,
      from: 'pq_approved',
      to: 'draft',
      note: '늦은 정정',
      actorId: 'x',
    }).catch((caught) => caught);
    expect(error).toBeInstanceOf(VendorCorrectionError);
    expect(error.code).toBe('STATE_CONFLICT');
    expect((await vendorNamed('미래소재(주)')).status).toBe('pq_submitted');
  });

  it('never makes a vendor regular or touches a regular one by hand', async () => {
    const regular = await vendorNamed('동양케미칼');
    for (const attempt of [
      { from: 'regular' as const, to: 'pq_approved' as const },
      { from: 'pq_approved' as const, to: 'regular' as const },
    ]) {
      const error = await correctVendorStatus(db, {
        vendorId: regular.id,
        ...attempt,
        note: 'x',
        actorId: 'x',
      }).catch((caught) => caught);
      expect(error.code).toBe('NOT_CORRECTABLE');
    }
    const after = await vendorNamed('동양케미칼');
    expect(after.status).toBe('regular');
    expect(after.vendorCode).toBe(regular.vendorCode);
  });

  it('says when the vendor does not exist', async () => {
    const error = await correctVendorStatus(db, {
      vendorId: 987_654,
      from: 'draft',
      to: 'pq_submitted',
      note: 'x',
      actorId: 'x',
    }).catch((caught) => caught);
    expect(error.code).toBe('NOT_FOUND');
  });
});
