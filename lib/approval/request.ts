import { and, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '@/db';
import { users } from '@/db/schema';
import type { ApprovalLineEntryInput } from '@/lib/knox-api/approval';
import { isSafeHtml } from './document/safe-html';
import { InvalidApprovalConfigError, UnknownApproverError } from './errors';
import { type ApprovalConfig, approvalConfigSchema } from './types';

/** True when any string inside `value` holds a NUL character, which PostgreSQL text cannot store. */
export function containsNul(value: unknown, seen = new Set<unknown>()): boolean {
  if (typeof value === 'string') return value.includes('\u0000');
  if (isSafeHtml(value)) return value.html.includes('\u0000');
  if (value === null || typeof value !== 'object' || seen.has(value)) return false;
  seen.add(value);
  if (value instanceof Date) return false;
  return Object.entries(value).some(([key, item]) => key.includes('\u0000') || containsNul(item, seen));
}

export const NUL_MESSAGE =
  '입력에 저장할 수 없는 문자(NUL, \\0)가 들어 있습니다. 해당 문자를 지우고 다시 시도하세요.';

export function parseConfig(config: ApprovalConfig) {
  const parsed = approvalConfigSchema.safeParse(config);
  if (!parsed.success) {
    const issues = parsed.error.issues.map(
      (issue) => `${issue.path.join('.') || 'config'}: ${issue.message}`,
    );
    throw new InvalidApprovalConfigError(`결재 요청 정보가 올바르지 않습니다: ${issues[0]}`, issues);
  }
  return parsed.data;
}

/** The approval line with each approver checked against our users (EP ID known and present). */
export async function resolveApprovalLine(
  db: Db,
  approvers: NonNullable<ApprovalConfig['approvers']>,
  drafterEpId: string,
): Promise<ApprovalLineEntryInput[]> {
  if (approvers.length === 0) throw new InvalidApprovalConfigError('결재자를 한 명 이상 지정해야 합니다');
  const entries = approvers.map((approver) =>
    typeof approver === 'string' ? { epId: approver.trim(), role: 'approve' as const } : approver,
  );
  const epIds = [...new Set(entries.map((entry) => entry.epId))];
  if (epIds.length !== entries.length)
    throw new InvalidApprovalConfigError('같은 결재자가 두 번 지정되었습니다');
  if (epIds.includes(drafterEpId))
    throw new InvalidApprovalConfigError('기안자는 결재선에 들어갈 수 없습니다');
  const found = await db
    .select({ id: users.id, epId: users.epId, email: users.email })
    .from(users)
    .where(and(inArray(users.epId, epIds), isNotNull(users.epId)));
  const byEpId = new Map(found.map((user) => [user.epId!, user]));
  return entries.map((entry) => {
    const user = byEpId.get(entry.epId);
    if (!user) throw new UnknownApproverError(entry.epId);
    return {
      epId: entry.epId,
      userId: user.id,
      emailAddress: user.email,
      role: entry.role ?? 'approve',
      ...(entry.arbitrary ? { arbitrary: true } : {}),
    };
  });
}

/** A request's config as withApproval uses it (parsed and trimmed). */
export type ParsedApprovalConfig = ReturnType<typeof parseConfig>;
