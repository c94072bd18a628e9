import { z } from 'zod';
import { type ApprovalLineRuleEntry, LINE_POSITION_KINDS, RULE_LINE_ROLES } from '@/db/schema';
import { QM_DEPARTMENT } from '@/lib/directory/people';
import { PQ_INVESTIGATION_ACTIONS } from '@/lib/vendor-investigation/approval-actions';
import { VENDOR_REGISTRATION_ACTION } from '@/lib/vendor-registration/approval-actions';
import { VENDOR_SUSPENSION_ACTION } from '@/lib/vendor-suspension/approval-actions';

const entrySchema = z
  .object({
    kind: z.enum(LINE_POSITION_KINDS, { message: '결재자 위치를 고르세요' }),
    title: z.string().trim().min(1, { message: '직책을 입력하세요' }).max(50),
    department: z.string().trim().max(100).optional(),
    role: z.enum(RULE_LINE_ROLES, { message: '역할은 결재 또는 합의여야 합니다' }),
    arbitrary: z.boolean().default(false),
  })
  .transform((entry) => (entry.kind === 'department_title' ? entry : { ...entry, department: undefined }))
  .refine((entry) => entry.kind !== 'department_title' || Boolean(entry.department), {
    message: '부서의 직책자를 지정하려면 부서를 입력하세요',
    path: ['department'],
  })
  .refine((entry) => entry.role === 'approve' || !entry.arbitrary, {
    message: '전결은 결재 단계에만 줄 수 있습니다',
    path: ['arbitrary'],
  });

/** A rule as admins save it: ordered entries, at least one 결재. */
export const ruleEntriesSchema = z
  .array(entrySchema)
  .min(1, { message: '결재선 규칙에는 한 단계 이상이 있어야 합니다' })
  .max(10, { message: '결재선 규칙은 10단계까지입니다' })
  .refine((entries) => entries.some((entry) => entry.role === 'approve'), {
    message: '결재선 규칙에는 결재 단계가 하나 이상 있어야 합니다',
  });

const teamLead: ApprovalLineRuleEntry = { kind: 'manager', title: '팀장', role: 'approve', arbitrary: false };
const director = (arbitrary: boolean): ApprovalLineRuleEntry => ({
  kind: 'manager_of_manager',
  title: '담당임원',
  role: 'approve',
  arbitrary,
});
const qmLeadAgrees: ApprovalLineRuleEntry = {
  kind: 'department_title',
  department: QM_DEPARTMENT,
  title: '팀장',
  role: 'agree',
  arbitrary: false,
};
const purchasing = (title: string, arbitrary = false): ApprovalLineRuleEntry => ({
  kind: 'department_title',
  department: title === '담당임원' ? '구매본부' : '구매팀',
  title,
  role: 'approve',
  arbitrary,
});

/**
 * The rules seeded for the registered action types (admins change them afterwards). 거래정지 names
 * the purchasing positions rather than the requester's managers: admins request it and report to no one.
 */
export const DEFAULT_LINE_RULES: Record<string, ApprovalLineRuleEntry[]> = {
  [VENDOR_REGISTRATION_ACTION]: [teamLead, director(true)],
  [PQ_INVESTIGATION_ACTIONS.request]: [teamLead, qmLeadAgrees, director(false)],
  [PQ_INVESTIGATION_ACTIONS.rerequest]: [teamLead, qmLeadAgrees, director(false)],
  [VENDOR_SUSPENSION_ACTION]: [purchasing('팀장'), purchasing('담당임원')],
};
