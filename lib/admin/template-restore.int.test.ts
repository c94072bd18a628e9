import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { approvalTemplates, approvalTemplateVersions, auditEvents, users } from '@/db/schema';
import { type ApprovalHarness, startApprovalHarness } from '@/lib/approval/testing/harness';
import { auditKindLabel } from '@/lib/audit/labels';
import {
  getTemplateVersion,
  restoreTemplateVersion,
  saveTemplateVersion,
  TEMPLATE_VERSION_RESTORED,
  TemplateContentError,
  TemplateVersionConflictError,
  TemplateVersionNotFoundError,
} from './templates';

let h: ApprovalHarness;
let db: Db;
let adminId: string;
const NAME = '정규업체 등록';

beforeAll(async () => {
  h = await startApprovalHarness();
  db = h.database.db;
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@example.com'));
  adminId = admin!.id;
});
afterAll(async () => {
  await h?.close();
});

async function current() {
  const [row] = await db.select().from(approvalTemplates).where(eq(approvalTemplates.name, NAME));
  return row!;
}
const versionCount = async (templateId: number) =>
  (
    await db
      .select()
      .from(approvalTemplateVersions)
      .where(eq(approvalTemplateVersions.templateId, templateId))
  ).length;
const restoreEvents = () =>
  db.select().from(auditEvents).where(eq(auditEvents.kind, TEMPLATE_VERSION_RESTORED));

describe('restoreTemplateVersion', () => {
  it('brings an old version back as a new version, keeps history, and records who did it', async () => {
    const original = await current();
    await saveTemplateVersion(db, {
      templateId: original.id,
      baseVersion: original.version,
      content: original.content.replace('</div>', '<p>보완 문구</p></div>'),
      sampleVariables: original.sampleVariables,
      userId: adminId,
    });
    const edited = await current();
    expect(edited.content).toContain('보완 문구');

    const restored = await restoreTemplateVersion(db, {
      templateId: original.id,
      version: original.version,
      baseVersion: edited.version,
      userId: adminId,
      clientAddress: '127.0.0.1',
    });
    expect(restored.version).toBe(edited.version + 1);
    const after = await current();
    expect(after).toMatchObject({
      version: edited.version + 1,
      content: original.content,
      updatedBy: adminId,
    });
    expect(await versionCount(original.id)).toBe(edited.version + 1);
    const kept = await getTemplateVersion(db, original.id, restored.version);
    expect(kept?.version.content).toBe(original.content);

    const events = await restoreEvents();
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      actorId: adminId,
      subject: `template:${original.id}`,
      clientAddress: '127.0.0.1',
      detail: { templateName: NAME, restoredVersion: original.version, newVersion: restored.version },
    });
    expect(auditKindLabel(TEMPLATE_VERSION_RESTORED)).toBe('결재 양식 버전 복원');
  });

  it('refuses a restore on top of a version the admin did not see, and changes nothing', async () => {
    const before = await current();
    const eventsBefore = (await restoreEvents()).length;
    await expect(
      restoreTemplateVersion(db, {
        templateId: before.id,
        version: 1,
        baseVersion: before.version - 1,
        userId: adminId,
      }),
    ).rejects.toBeInstanceOf(TemplateVersionConflictError);
    expect(await current()).toEqual(before);
    expect(await versionCount(before.id)).toBe(before.version);
    expect(await restoreEvents()).toHaveLength(eventsBefore);
  });

  it('applies the checks of a save: an old version the allow-list refuses today is not restored', async () => {
    const before = await current();
    // Written past the editor (an old version from before a rule, or SQL): restore must not launder it.
    await db.insert(approvalTemplateVersions).values({
      templateId: before.id,
      version: 900,
      content: '<p onclick="alert(1)">{{없는변수}}</p><script>alert(2)</script>',
    });
    const eventsBefore = (await restoreEvents()).length;
    const refusal = restoreTemplateVersion(db, {
      templateId: before.id,
      version: 900,
      baseVersion: before.version,
      userId: adminId,
    });
    await expect(refusal).rejects.toBeInstanceOf(TemplateContentError);
    await expect(refusal).rejects.toThrow(
      /허용되지 않는 내용.*script|채워지지 않는 변수가 있습니다: \{\{없는변수\}\}/s,
    );
    expect(await current()).toEqual(before);
    expect(await restoreEvents()).toHaveLength(eventsBefore);
    await db
      .delete(approvalTemplateVersions)
      .where(
        and(eq(approvalTemplateVersions.templateId, before.id), eq(approvalTemplateVersions.version, 900)),
      );
  });

  it('says so for a version that does not exist', async () => {
    const before = await current();
    await expect(
      restoreTemplateVersion(db, {
        templateId: before.id,
        version: 777,
        baseVersion: before.version,
        userId: adminId,
      }),
    ).rejects.toBeInstanceOf(TemplateVersionNotFoundError);
    await expect(
      restoreTemplateVersion(db, { templateId: 99_999, version: 1, baseVersion: 1, userId: adminId }),
    ).rejects.toBeInstanceOf(TemplateVersionNotFoundError);
    expect(await current()).toEqual(before);
  });
});
