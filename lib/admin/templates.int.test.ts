import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { approvalTemplates, approvalTemplateVersions, users } from '@/db/schema';
import { seedDatabase } from '@/db/seed';
import { createTestDatabase, type TestDatabase } from '@/tests/setup/test-database';
import {
  extractPlaceholders,
  getTemplateWithVersions,
  listTemplates,
  saveTemplateVersion,
  TemplateVersionConflictError,
} from './templates';

let testDb: TestDatabase;
let db: Db;
let adminId: string;

beforeAll(async () => {
  testDb = await createTestDatabase();
  db = testDb.db;
  await seedDatabase(db, { demo: true });
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@example.com'));
  adminId = admin!.id;
});
afterAll(() => testDb?.destroy());

describe('extractPlaceholders', () => {
  it('lists each placeholder once, in order, tolerating spaces', () => {
    expect(extractPlaceholders('<p>{{협력업체명}}</p>{{ 기안자 }}<td>{{협력업체명}}</td>{x}')).toEqual([
      '협력업체명',
      '기안자',
    ]);
  });
});

describe('saveTemplateVersion', () => {
  it('bumps the version and keeps every save as a version row', async () => {
    const [template] = await listTemplates(db);
    expect(template).toBeDefined();
    const first = await saveTemplateVersion(db, {
      templateId: template!.id,
      baseVersion: template!.version,
      content: '<p>{{협력업체명}} v2</p>',
      sampleVariables: { 협력업체명: '(주)테스트' },
      userId: adminId,
    });
    expect(first.version).toBe(template!.version + 1);
    const second = await saveTemplateVersion(db, {
      templateId: template!.id,
      baseVersion: first.version,
      content: '<p>{{협력업체명}} v3</p>',
      sampleVariables: {},
      userId: adminId,
    });
    expect(second.version).toBe(first.version + 1);

    const loaded = await getTemplateWithVersions(db, template!.id);
    expect(loaded!.template.content).toBe('<p>{{협력업체명}} v3</p>');
    expect(loaded!.template.updatedBy).toBe(adminId);
    expect(loaded!.versions.map((row) => row.version)).toEqual([
      second.version,
      first.version,
      template!.version,
    ]);
    expect(loaded!.versions[0]!.createdByName).toBe('관리자');
  });

  it('refuses a save based on an old version and changes nothing', async () => {
    const [template] = await listTemplates(db);
    const before = await db
      .select()
      .from(approvalTemplateVersions)
      .where(eq(approvalTemplateVersions.templateId, template!.id));
    await expect(
      saveTemplateVersion(db, {
        templateId: template!.id,
        baseVersion: template!.version - 1,
        content: '<p>stale</p>',
        sampleVariables: {},
        userId: adminId,
      }),
    ).rejects.toBeInstanceOf(TemplateVersionConflictError);
    const [after] = await db.select().from(approvalTemplates).where(eq(approvalTemplates.id, template!.id));
    expect(after!.content).toBe(template!.content);
    expect(after!.version).toBe(template!.version);
    const versions = await db
      .select()
      .from(approvalTemplateVersions)
      .where(eq(approvalTemplateVersions.templateId, template!.id));
    expect(versions).toHaveLength(before.length);
  });

  it('says so when the template does not exist', async () => {
    await expect(
      saveTemplateVersion(db, {
        templateId: 999_999,
        baseVersion: 1,
        content: 'x',
        sampleVariables: {},
        userId: adminId,
      }),
    ).rejects.toThrow('결재 양식을 찾을 수 없습니다.');
  });
});
