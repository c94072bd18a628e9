import { getRegisteredActions } from '@/lib/approval';
import { forAdmin } from '@/lib/auth/data-access';
import { listLineRules } from './rule-store';

/** /admin/approval-lines: every registered action type with its rule (null: none, requests refused). */
export const loadApprovalLineRules = forAdmin(async ({ db }) => {
  const rules = new Map((await listLineRules(db)).map((rule) => [rule.actionType, rule]));
  return getRegisteredActions().map((action) => ({
    actionType: action.actionType,
    title: action.title,
    rule: rules.get(action.actionType) ?? null,
  }));
});
