// No drizzle here: client components (the rule editor) import these names too.

/** Where a required approver of a rule comes from: positions, never fixed people. */
export const LINE_POSITION_KINDS = ['manager', 'manager_of_manager', 'department_title'] as const;
export type LinePositionKind = (typeof LINE_POSITION_KINDS)[number];

/** The roles a rule may require (합의 or 결재); 통보 and 참조 are the requester's own additions. */
export const RULE_LINE_ROLES = ['approve', 'agree'] as const;
export type RuleLineRole = (typeof RULE_LINE_ROLES)[number];

/**
 * One required entry of a rule: the position (the requester's manager, that manager's manager, or
 * the holder of `title` in `department`), the authority it asks for (`title`), the role in the line
 * and whether that person may decide 전결.
 */
export interface ApprovalLineRuleEntry {
  kind: LinePositionKind;
  /** The title the person must hold (e.g. 팀장, 담당임원). */
  title: string;
  /** Only for `department_title`. */
  department?: string;
  role: RuleLineRole;
  arbitrary: boolean;
}
