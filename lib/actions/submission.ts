import type { CurrentUser } from '@/lib/auth/current-user';
import { MISSING_EP_ID_MESSAGE, permissions } from '@/lib/auth/permissions';

/** Shared by every action that submits a Knox approval: who may, and what a refusal says. */
export const submitApprovalGuard = {
  allow: (user: CurrentUser) => permissions.submitApprovals(user),
  forbidden: { code: 'MISSING_EP_ID', message: MISSING_EP_ID_MESSAGE },
};

/** The requester as the domain functions take it. */
export const requesterOf = (user: CurrentUser) => ({
  id: user.id,
  epId: user.epId,
  email: user.email,
  name: user.name,
});

export interface SubmittedApproval {
  apInfId: string;
  status: string;
  warnings: string[];
}
