import { eq } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import { approvalLineRules } from '@/db/schema';
import { type ApprovalLinePolicy, actionTitle, InvalidApprovalConfigError } from '@/lib/approval';
import { directoryAround } from '@/lib/directory/people';
import { ApprovalLineRefusal, finalLine, type RequiredLineEntry, resolveRequiredLine } from './resolve';
import { ruleEntriesSchema } from './rules';

/** The rule's entries of an action type, or a refusal when none is stored (fail closed). */
async function ruleOf(db: Db | Tx, actionType: string) {
  const [row] = await db.select().from(approvalLineRules).where(eq(approvalLineRules.actionType, actionType));
  if (!row)
    throw new ApprovalLineRefusal(
      `'${actionTitle(actionType)}'의 결재선 규칙이 없어 결재를 요청할 수 없습니다. 관리자에게 결재선 규칙 등록을 요청하세요`,
    );
  const parsed = ruleEntriesSchema.safeParse(row.entries);
  if (!parsed.success)
    throw new ApprovalLineRefusal(
      `'${actionTitle(actionType)}'의 결재선 규칙이 올바르지 않습니다: ${parsed.error.issues[0]?.message}`,
    );
  return parsed.data;
}

const refused = (error: unknown): never => {
  if (error instanceof ApprovalLineRefusal) throw new InvalidApprovalConfigError(error.message);
  throw error;
};

/** The required entries of `actionType`'s rule for `requesterId` (forms prefill them). */
export async function requiredLineFor(
  db: Db | Tx,
  actionType: string,
  requesterId: string,
): Promise<RequiredLineEntry[]> {
  try {
    const rule = await ruleOf(db, actionType);
    const positions = rule.flatMap((entry) =>
      entry.kind === 'department_title' && entry.department
        ? [{ department: entry.department, title: entry.title }]
        : [],
    );
    const directory = await directoryAround(db, requesterId, positions);
    const requester = directory.find((person) => person.id === requesterId);
    if (!requester) throw new ApprovalLineRefusal('요청자가 조직도에 없어 결재선을 정할 수 없습니다');
    return resolveRequiredLine(rule, requester, directory);
  } catch (error) {
    return refused(error);
  }
}

/** The rule-based line policy for the given action types (the composition root registers it). */
export function ruleLinePolicy(actionTypes: readonly string[]): ApprovalLinePolicy {
  const governed = new Set(actionTypes);
  return {
    governs: (actionType) => governed.has(actionType),
    async lineFor({ db, actionType, requester, requested }) {
      const required = await requiredLineFor(db, actionType, requester.id);
      try {
        return finalLine(required, requested, requester.epId).map(({ epId, role, arbitrary }) =>
          arbitrary ? { epId, role, arbitrary } : { epId, role },
        );
      } catch (error) {
        return refused(error);
      }
    },
  };
}
