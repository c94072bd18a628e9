import type { Db } from '@/db';
import { processSingleton, setProcessSingleton } from '@/lib/process-singleton';
import type { ApprovalConfig, ApprovalRequester } from './types';

type Approvers = NonNullable<ApprovalConfig['approvers']>;

/**
 * Decides the approval line of the action types it governs (the composition root registers the
 * rule-based one), so every entry point that reaches withApproval gets the same line and cannot
 * pass its own. It returns the line to submit or throws an ApprovalError saying what is wrong.
 */
export interface ApprovalLinePolicy {
  governs(actionType: string): boolean;
  lineFor(input: {
    db: Db;
    actionType: string;
    requester: ApprovalRequester & { epId: string };
    /** What the caller asked for; undefined or empty: the policy's own line. */
    requested: Approvers | undefined;
  }): Promise<Approvers>;
}

const NAME = 'approval-line-policy';
const current = () => processSingleton<{ policy?: ApprovalLinePolicy }>(NAME, () => ({}));

/** Installs (or, with undefined, removes) the process's line policy. */
export function registerApprovalLinePolicy(policy: ApprovalLinePolicy | undefined): void {
  if (policy) current().policy = policy;
  else setProcessSingleton(NAME, undefined);
}

/** The approvers withApproval submits: the policy's line for a governed type, else the caller's. */
export async function approversFor(
  db: Db,
  actionType: string,
  requested: Approvers | undefined,
  requester: ApprovalRequester & { epId: string },
): Promise<Approvers> {
  const { policy } = current();
  if (!policy?.governs(actionType)) return requested ?? [];
  return policy.lineFor({ db, actionType, requester, requested });
}
