import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import { listAuditEventKinds, listAuditEvents } from './queries';
import { recordAuditEvent } from './record';

let testDb: TestDatabase;
let db: Db;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await seedDatabase(db, { demo: true });
  for (let index = 1; index <= 5; index++) {
    await recordAuditEvent(db, {
      kind: 'sign_in_failed',
      subject: `victim${index}@example.com`,
      clientAddress: '203.0.113.9',
    });
  }
  await recordAuditEvent(db, {
    kind: 'vendor_status_corrected',
    actorId: 'usr_admin',
    subject: 'vendor:4',
    detail: { from: 'pq_approved', to: 'pq_submitted', note: '재심사' },
  });
});
afterAll(() => testDb?.destroy());

describe('listAuditEvents', () => {
  it('pages through the trail newest first, with the actor’s name', async () => {
    const first = await listAuditEvents(db, { page: 1, pageSize: 4 });
    expect(first.total).toBe(6);
    expect(first.pageCount).toBe(2);
    expect(first.rows.map((row) => row.subject)).toEqual([
      'vendor:4',
      'victim5@example.com',
      'victim4@example.com',
      'victim3@example.com',
    ]);
    expect(first.rows[0]!.actorName).toBe('관리자');
    const second = await listAuditEvents(db, { page: 2, pageSize: 4 });
    expect(second.rows.map((row) => row.subject)).toEqual(['victim2@example.com', 'victim1@example.com']);
    // A page past the end shows the last one.
    expect((await listAuditEvents(db, { page: 9, pageSize: 4 })).page).toBe(2);
  });

  it('filters by kind and by subject', async () => {
    const failures = await listAuditEvents(db, { kind: 'sign_in_failed', page: 1, pageSize: 50 });
    expect(failures.total).toBe(5);
    expect(
      failures.rows.every((row) => row.kind === 'sign_in_failed' && row.clientAddress === '203.0.113.9'),
    ).toBe(true);
    const vendor = await listAuditEvents(db, { subject: 'vendor:4', page: 1, pageSize: 50 });
    expect(vendor.rows.map((row) => row.kind)).toEqual(['vendor_status_corrected']);
    expect(await listAuditEventKinds(db)).toEqual(['sign_in_failed', 'vendor_status_corrected']);
  });
});
