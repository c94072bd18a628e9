import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { type ApprovalTemplate, approvalTemplates, approvalTemplateVersions, users } from '@/db/schema';

/** `{{ 변수 }}` names in order of first appearance, the way template-utils reads them. */
export function extractPlaceholders(content: string): string[] {
  const names: string[] = [];
  for (const match of content.matchAll(/\{\{\s*([^{}]+?)\s*\}\}/g)) {
    const name = match[1]!;
    if (!names.includes(name)) names.push(name);
  }
  return names;
}

export async function listTemplates(
  db: Db | Tx,
): Promise<Array<ApprovalTemplate & { updatedByName: string | null }>> {
  const rows = await db
    .select({ template: approvalTemplates, updatedByName: users.name })
    .from(approvalTemplates)
    .leftJoin(users, eq(users.id, approvalTemplates.updatedBy))
    .orderBy(asc(approvalTemplates.name));
  return rows.map((row) => ({ ...row.template, updatedByName: row.updatedByName }));
}

export interface TemplateVersionRow {
  id: number;
  version: number;
  content: string;
  createdAt: Date;
  createdByName: string | null;
}

export async function getTemplateWithVersions(
  db: Db | Tx,
  id: number,
): Promise<{ template: ApprovalTemplate; versions: TemplateVersionRow[] } | null> {
  const [template] = await db.select().from(approvalTemplates).where(eq(approvalTemplates.id, id)).limit(1);
  if (!template) return null;
  const versions = await db
    .select({
      id: approvalTemplateVersions.id,
      version: approvalTemplateVersions.version,
      content: approvalTemplateVersions.content,
      createdAt: approvalTemplateVersions.createdAt,
      createdByName: users.name,
    })
    .from(approvalTemplateVersions)
    .leftJoin(users, eq(users.id, approvalTemplateVersions.createdBy))
    .where(eq(approvalTemplateVersions.templateId, id))
    .orderBy(desc(approvalTemplateVersions.version));
  return { template, versions };
}

export class TemplateVersionConflictError extends Error {
  readonly code = 'TEMPLATE_VERSION_CONFLICT';
  constructor(readonly currentVersion: number | null) {
    super(
      currentVersion === null
        ? '결재 양식을 찾을 수 없습니다.'
        : `다른 관리자가 먼저 저장했습니다 (현재 버전 ${currentVersion}). 새로고침 후 다시 편집하세요.`,
    );
    this.name = 'TemplateVersionConflictError';
  }
}

export interface SaveTemplateInput {
  templateId: number;
  /** The version the editor started from: a save on top of someone else's is refused. */
  baseVersion: number;
  content: string;
  sampleVariables: Record<string, string>;
  userId: string;
}

/**
 * Saves a template as its next version: the row's version goes up by one (compare-and-set on the
 * version the editor loaded) and the new content is kept in approval_template_versions.
 */
export async function saveTemplateVersion(db: Db, input: SaveTemplateInput): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const nextVersion = input.baseVersion + 1;
    const [row] = await tx
      .update(approvalTemplates)
      .set({
        content: input.content,
        sampleVariables: input.sampleVariables,
        version: nextVersion,
        updatedBy: input.userId,
      })
      .where(
        and(eq(approvalTemplates.id, input.templateId), eq(approvalTemplates.version, input.baseVersion)),
      )
      .returning({ id: approvalTemplates.id });
    if (!row) {
      const [current] = await tx
        .select({ version: approvalTemplates.version })
        .from(approvalTemplates)
        .where(eq(approvalTemplates.id, input.templateId));
      throw new TemplateVersionConflictError(current?.version ?? null);
    }
    await tx.insert(approvalTemplateVersions).values({
      templateId: input.templateId,
      version: nextVersion,
      content: input.content,
      createdBy: input.userId,
    });
    return { version: nextVersion };
  });
}
