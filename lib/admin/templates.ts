import { and, asc, desc, eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { type ApprovalTemplate, approvalTemplates, approvalTemplateVersions, users } from '@/db/schema';
import { recordAuditEvent } from '@/lib/audit/record';
import { sanitizeDocument } from '@/lib/html/sanitize';
import { placeholdersFilledFor } from './template-vocabulary';

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

/** The template's name (which says which action fills it), or null when there is no such template. */
export async function findTemplateName(db: Db | Tx, id: number): Promise<string | null> {
  const [row] = await db
    .select({ name: approvalTemplates.name })
    .from(approvalTemplates)
    .where(eq(approvalTemplates.id, id));
  return row?.name ?? null;
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

/** A template the portal will not keep: the reasons, in Korean, each one the admin can fix. */
export class TemplateContentError extends Error {
  readonly code = 'TEMPLATE_CONTENT_REFUSED';
  constructor(readonly problems: string[]) {
    super(`양식을 저장하지 않았습니다. ${problems.join(' ')}`);
    this.name = 'TemplateContentError';
  }
}

export interface TemplateContentReview {
  /** What the document allow-list would take out (`<script> 제거`, `onerror 속성 제거`, …). */
  removed: string[];
  /** The content with those removed: what the editor offers to put in its place. */
  cleaned: string;
  /** Placeholders no action fills for this template: an approver would read them raw. */
  unknownPlaceholders: string[];
  /** The placeholders the action using this template fills. */
  knownPlaceholders: readonly string[];
}

/** The editor's live check and the save's gate: the same review of the same content. */
export function reviewTemplateContent(templateName: string, content: string): TemplateContentReview {
  const knownPlaceholders = placeholdersFilledFor(templateName);
  const sanitized = sanitizeDocument(content);
  return {
    removed: sanitized.removed,
    cleaned: sanitized.html,
    unknownPlaceholders: extractPlaceholders(content).filter((name) => !knownPlaceholders.includes(name)),
    knownPlaceholders,
  };
}

const hasNul = (text: string) => text.includes('\u0000');

/** PostgreSQL text cannot hold NUL, and no document means one: a clear refusal instead of a failed query. */
export function nulProblem(content: string, sampleVariables: Record<string, string> = {}): string | null {
  if (hasNul(content)) return '양식 내용에 NUL 문자(U+0000)가 있습니다. 그 문자를 지우고 다시 저장하세요.';
  if (Object.entries(sampleVariables).some(([name, value]) => hasNul(name) || hasNul(value))) {
    return '미리보기 값에 NUL 문자(U+0000)가 있습니다. 그 문자를 지우고 다시 저장하세요.';
  }
  return null;
}

/** The problems that stop a save, empty when the template may be kept as written. */
export function templateContentProblems(
  templateName: string,
  content: string,
  sampleVariables: Record<string, string> = {},
): string[] {
  const nul = nulProblem(content, sampleVariables);
  if (nul) return [nul];
  const review = reviewTemplateContent(templateName, content);
  const problems: string[] = [];
  if (review.removed.length > 0) {
    problems.push(`허용되지 않는 내용이 있습니다: ${review.removed.join(', ')}.`);
  }
  if (review.unknownPlaceholders.length > 0) {
    const unknown = review.unknownPlaceholders.map((name) => `{{${name}}}`).join(', ');
    const known =
      review.knownPlaceholders.length > 0
        ? `이 양식에 쓸 수 있는 변수: ${review.knownPlaceholders.map((name) => `{{${name}}}`).join(', ')}`
        : '이 양식을 쓰는 작업이 없어 변수를 쓸 수 없습니다';
    problems.push(`채워지지 않는 변수가 있습니다: ${unknown} (${known}).`);
  }
  return problems;
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
 * version the editor loaded) and the new content is kept in approval_template_versions. Content
 * the document allow-list would change, or with a placeholder no action fills, is refused
 * (TemplateContentError) and nothing is written.
 */
export async function saveTemplateVersion(db: Db, input: SaveTemplateInput): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const name = await findTemplateName(tx, input.templateId);
    if (name === null) throw new TemplateVersionConflictError(null);
    const problems = templateContentProblems(name, input.content, input.sampleVariables);
    if (problems.length > 0) throw new TemplateContentError(problems);
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

export const TEMPLATE_VERSION_RESTORED = 'template_version_restored';
export const templateAuditSubject = (templateId: number) => `template:${templateId}`;

/** One kept version of a template, with the template as it is now, or null when either is missing. */
export async function getTemplateVersion(
  db: Db | Tx,
  templateId: number,
  version: number,
): Promise<{ template: ApprovalTemplate; version: TemplateVersionRow } | null> {
  const [template] = await db.select().from(approvalTemplates).where(eq(approvalTemplates.id, templateId));
  if (!template) return null;
  const [row] = await db
    .select({
      id: approvalTemplateVersions.id,
      version: approvalTemplateVersions.version,
      content: approvalTemplateVersions.content,
      createdAt: approvalTemplateVersions.createdAt,
      createdByName: users.name,
    })
    .from(approvalTemplateVersions)
    .leftJoin(users, eq(users.id, approvalTemplateVersions.createdBy))
    .where(
      and(eq(approvalTemplateVersions.templateId, templateId), eq(approvalTemplateVersions.version, version)),
    );
  return row ? { template, version: row } : null;
}

export class TemplateVersionNotFoundError extends Error {
  readonly code = 'TEMPLATE_VERSION_NOT_FOUND';
  constructor() {
    super('그 버전의 결재 양식을 찾을 수 없습니다.');
    this.name = 'TemplateVersionNotFoundError';
  }
}

export interface RestoreTemplateInput {
  templateId: number;
  /** The version to bring back. */
  version: number;
  /** The current version the admin saw: a restore on top of someone else's save is refused. */
  baseVersion: number;
  userId: string;
  clientAddress?: string | null;
}

/**
 * Brings an old version back as the next version (history is never rewritten), under the same
 * checks as a save — an old version that the allow-list or the placeholders of today refuse is not
 * restored — and with an audit event, in one transaction.
 */
export async function restoreTemplateVersion(
  db: Db,
  input: RestoreTemplateInput,
): Promise<{ version: number }> {
  return db.transaction(async (tx) => {
    const found = await getTemplateVersion(tx, input.templateId, input.version);
    if (!found) throw new TemplateVersionNotFoundError();
    const { template } = found;
    const problems = templateContentProblems(template.name, found.version.content, template.sampleVariables);
    if (problems.length > 0) throw new TemplateContentError(problems);
    const nextVersion = input.baseVersion + 1;
    const [row] = await tx
      .update(approvalTemplates)
      .set({ content: found.version.content, version: nextVersion, updatedBy: input.userId })
      .where(
        and(eq(approvalTemplates.id, input.templateId), eq(approvalTemplates.version, input.baseVersion)),
      )
      .returning({ id: approvalTemplates.id });
    if (!row) throw new TemplateVersionConflictError(template.version);
    await tx.insert(approvalTemplateVersions).values({
      templateId: input.templateId,
      version: nextVersion,
      content: found.version.content,
      createdBy: input.userId,
    });
    await recordAuditEvent(tx, {
      kind: TEMPLATE_VERSION_RESTORED,
      actorId: input.userId,
      subject: templateAuditSubject(input.templateId),
      clientAddress: input.clientAddress ?? null,
      detail: { templateName: template.name, restoredVersion: input.version, newVersion: nextVersion },
    });
    return { version: nextVersion };
  });
}
