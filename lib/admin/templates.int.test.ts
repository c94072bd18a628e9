import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '@/db';
import { approvalLogs, approvalTemplates, approvalTemplateVersions, users, vendors } from '@/db/schema';
import { type ApprovalHarness, setEngineEnv, startApprovalHarness } from '@/lib/approval/testing/harness';
import { getApprovalDetail } from '@/lib/knox-api/approval';
import { requestVendorSuspension } from '@/lib/vendor-suspension/approval-actions';
import { findScriptVectors } from '@/tests/reliability/html-safety';
import {
  extractPlaceholders,
  getTemplateWithVersions,
  listTemplates,
  saveTemplateVersion,
  TemplateVersionConflictError,
} from './templates';

let h: ApprovalHarness;
let db: Db;
let adminId: string;

beforeAll(async () => {
  h = await startApprovalHarness();
  setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: 'true' });
  db = h.database.db;
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@example.com'));
  adminId = admin!.id;
});
afterAll(async () => {
  setEngineEnv({ APPROVAL_WORKFLOW_ENABLED: undefined });
  await h?.close();
});

const SUSPENSION = '협력업체 거래정지';

/** What an attacker with the template editor (or SQL on approval_templates) would put in a document. */
const HOSTILE = [
  '<script>alert(1)</script>',
  '<img src="x" onerror="alert(2)">',
  '<p onmouseover="alert(3)">마우스</p>',
  '<a href="javascript:alert(4)">링크</a>',
  '<iframe src="https://evil.example/frame"></iframe>',
  '<style>body{display:none}</style>',
  '<div class="fixed inset-0 z-50" style="position:fixed;background:u\\72l(https://evil.example/x)">덮기</div>',
].join('');

const FORBIDDEN = [
  '<script',
  'alert(',
  'onerror',
  'onmouseover',
  'javascript:',
  '<iframe',
  '<style',
  'class=',
  'position',
  'evil.example',
];

async function templateNamed(name: string) {
  const [row] = await db.select().from(approvalTemplates).where(eq(approvalTemplates.name, name));
  return row!;
}

async function versionRows(templateId: number) {
  return db
    .select()
    .from(approvalTemplateVersions)
    .where(eq(approvalTemplateVersions.templateId, templateId));
}

/** Saving must be refused with `reason` in the message, and leave the template and its versions as they were. */
async function expectRefusedUnchanged(content: string, reason: RegExp, sampleVariables = {}) {
  const before = await templateNamed(SUSPENSION);
  const versionsBefore = await versionRows(before.id);
  await expect(
    saveTemplateVersion(db, {
      templateId: before.id,
      baseVersion: before.version,
      content,
      sampleVariables,
      userId: adminId,
    }),
  ).rejects.toThrow(reason);
  const after = await templateNamed(SUSPENSION);
  expect(after.content).toBe(before.content);
  expect(after.version).toBe(before.version);
  expect(await versionRows(before.id)).toHaveLength(versionsBefore.length);
}

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

describe('saving a template', () => {
  it('refuses markup the allow-list would remove, naming each removal in Korean, and writes nothing', async () => {
    const seed = (await templateNamed(SUSPENSION)).content;
    await expectRefusedUnchanged(`${seed}${HOSTILE}`, /<script> 제거/);
    await expectRefusedUnchanged(`${seed}<p onerror="x()">a</p>`, /onerror 속성 제거/);
    await expectRefusedUnchanged(`${seed}<p style="position:fixed">a</p>`, /position:fixed 제거/);
    await expectRefusedUnchanged(`${seed}<p class="fixed inset-0">a</p>`, /class 속성 제거/);
    await expectRefusedUnchanged(`${seed}<a href="javascript:alert(1)">a</a>`, /javascript: 링크 제거/);
  });

  it('refuses a placeholder no action fills, naming it, and writes nothing', async () => {
    const seed = (await templateNamed(SUSPENSION)).content;
    await expectRefusedUnchanged(`${seed}<p>{{신규변수}}</p>`, /\{\{신규변수\}\}/);
    // 심사이력 is filled for 정규업체 등록, not for 거래정지.
    await expectRefusedUnchanged(`${seed}<p>{{ 심사이력 }}</p>`, /\{\{심사이력\}\}/);
  });

  it('refuses a NUL byte in the content or the sample values with a clear message, and writes nothing', async () => {
    const seed = (await templateNamed(SUSPENSION)).content;
    await expectRefusedUnchanged(`${seed}<p>a\u0000b</p>`, /NUL/);
    await expectRefusedUnchanged(seed, /NUL/, { 정지사유: 'a\u0000b' });
  });

  it('saves a clean edit that uses only the action’s placeholders', async () => {
    const before = await templateNamed(SUSPENSION);
    const content = `${before.content}<p style="text-align:right">{{요청자}} / {{정지사유}}</p>`;
    const saved = await saveTemplateVersion(db, {
      templateId: before.id,
      baseVersion: before.version,
      content,
      sampleVariables: {},
      userId: adminId,
    });
    expect(saved.version).toBe(before.version + 1);
    expect((await templateNamed(SUSPENSION)).content).toBe(content);
  });
});

describe('the document submitted to Knox', () => {
  it('carries none of a hostile template’s script, handlers, frames, styles or classes', async () => {
    // Written past the editor, as an operator with SQL access could: the engine must clean it anyway.
    const template = await templateNamed(SUSPENSION);
    await db
      .update(approvalTemplates)
      .set({ content: template.content.replace('</div>', `${HOSTILE}</div>`) })
      .where(eq(approvalTemplates.id, template.id));
    const [target] = await db.select().from(vendors).where(eq(vendors.name, '한양금속'));
    const kim = { id: 'usr_kim', epId: 'E1001', email: 'kim.employee@example.com' };
    const result = await requestVendorSuspension({ vendorId: target!.id, reason: '납기 준수율 62%' }, kim);

    const knox = await getApprovalDetail(result.approvalId);
    const sent = knox.contents ?? '';
    for (const forbidden of FORBIDDEN) expect(sent, forbidden).not.toContain(forbidden);
    // The document itself is intact: the vendor, the requester table, the text around the attack.
    expect(sent).toContain('한양금속');
    expect(sent).toContain('border:1px solid #d1d5db');
    expect(sent).toContain('마우스');
    expect(sent).toContain('납기 준수율 62%');
    expect(findScriptVectors(sent)).toEqual([]);
    // What the portal keeps (and shows, and resubmits) is what Knox got.
    const [log] = await db.select().from(approvalLogs).where(eq(approvalLogs.apInfId, result.approvalId));
    expect(log!.content).toBe(sent);
  });
});
