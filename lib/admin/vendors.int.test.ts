import { desc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { auditEvents, vendors } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { correctionOptions } from './vendor-correction-rules';
import { correctVendorStatus, readCorrectionEvidence, VendorCorrectionError } from './vendors';

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

const auditTrail = () => db.select().from(auditEvents).orderBy(desc(auditEvents.id));

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

  it('records who corrected what, when, why, from and to, as an audit event', async () => {
    const vendor = await vendorNamed('신흥전자');
    const before = new Date();
    await correctVendorStatus(db, {
      vendorId: vendor.id,
      from: 'pq_approved',
      to: 'pq_submitted',
      note: 'PQ 재심사 요청',
      actorId: 'usr_admin',
      clientAddress: '10.1.2.3',
    });
    const [event] = await auditTrail();
    expect(event).toMatchObject({
      kind: 'vendor_status_corrected',
      actorId: 'usr_admin',
      subject: `vendor:${vendor.id}`,
      clientAddress: '10.1.2.3',
      detail: { vendorName: '신흥전자', from: 'pq_approved', to: 'pq_submitted', note: 'PQ 재심사 요청' },
    });
    expect(event!.createdAt.getTime()).toBeGreaterThanOrEqual(before.getTime() - 1000);
  });

  it("refuses a state the vendor's records do not support, with the reason, and records nothing", async () => {
    const draft = await vendorNamed('광명기계');
    expect(draft.status).toBe('draft');
    const events = (await auditTrail()).length;
    for (const to of ['pq_approved', 'pq_submitted', 'registration_pending'] as const) {
      const error = await correctVendorStatus(db, {
        vendorId: draft.id,
        from: 'draft',
        to,
        note: '정정',
        actorId: 'usr_admin',
      }).catch((caught) => caught);
      expect(error).toBeInstanceOf(VendorCorrectionError);
      expect(error.code).toBe('NOT_SUPPORTED');
      expect(error.message).toMatch(/PQ/);
    }
    // An approved PQ alone does not make a registration pending: no registration document is open.
    const approved = await vendorNamed('미래소재(주)');
    const error = await correctVendorStatus(db, {
      vendorId: approved.id,
      from: 'pq_submitted',
      to: 'registration_pending',
      note: '정정',
      actorId: 'usr_admin',
    }).catch((caught) => caught);
    expect(error.code).toBe('NOT_SUPPORTED');
    expect(error.message).toContain('정규업체 등록 결재');
    expect((await vendorNamed('광명기계')).status).toBe('draft');
    expect((await auditTrail()).length).toBe(events);
  });

  it('offers exactly the states the records support', async () => {
    const draft = await vendorNamed('광명기계');
    const options = correctionOptions('draft', await readCorrectionEvidence(db, draft.id));
    expect(options.map((option) => [option.status, option.refusal === null])).toEqual([
      ['pq_submitted', false],
      ['pq_approved', false],
      ['registration_pending', false],
    ]);
    const approved = await vendorNamed('미래소재(주)');
    const supported = correctionOptions('pq_submitted', await readCorrectionEvidence(db, approved.id))
      .filter((option) => option.refusal === null)
      .map((option) => option.status);
    expect(supported).toEqual(['pq_approved']);
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
