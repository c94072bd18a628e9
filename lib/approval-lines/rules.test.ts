import { describe, expect, it } from 'vitest';
import { APPROVAL_FEATURES } from '@/lib/server/approval-features';
import { DEFAULT_LINE_RULES, ruleEntriesSchema } from './rules';

describe('approval line rules', () => {
  it('seeds a valid default rule for every registered action type', () => {
    const actionTypes = APPROVAL_FEATURES.flatMap((feature) => feature.actions.map((a) => a.actionType));
    expect(Object.keys(DEFAULT_LINE_RULES).sort()).toEqual([...actionTypes].sort());
    for (const entries of Object.values(DEFAULT_LINE_RULES)) {
      expect(ruleEntriesSchema.safeParse(entries).success).toBe(true);
    }
  });

  const message = (entries: unknown) => {
    const parsed = ruleEntriesSchema.safeParse(entries);
    return parsed.success ? undefined : parsed.error.issues[0]?.message;
  };
  const teamLead = { kind: 'manager', title: '팀장', role: 'approve', arbitrary: false };

  it('refuses a rule without a 결재 step, an empty rule, and 전결 on a 합의 step', () => {
    expect(message([{ ...teamLead, role: 'agree' }])).toBe(
      '결재선 규칙에는 결재 단계가 하나 이상 있어야 합니다',
    );
    expect(message([])).toBe('결재선 규칙에는 한 단계 이상이 있어야 합니다');
    expect(message([teamLead, { ...teamLead, role: 'agree', arbitrary: true }])).toBe(
      '전결은 결재 단계에만 줄 수 있습니다',
    );
  });

  it('refuses a department position without a department and drops a department elsewhere', () => {
    expect(message([{ ...teamLead, kind: 'department_title' }])).toBe(
      '부서의 직책자를 지정하려면 부서를 입력하세요',
    );
    expect(ruleEntriesSchema.parse([{ ...teamLead, department: '구매팀' }])[0]!.department).toBeUndefined();
  });

  it('refuses roles a rule cannot require (통보 is the requester’s own addition)', () => {
    expect(message([{ ...teamLead, role: 'notify' }])).toBe('역할은 결재 또는 합의여야 합니다');
  });
});
