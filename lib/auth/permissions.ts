import type { CurrentUser } from './current-user';

/**
 * Who may do what with approvals — one table for the web app, the REST API and MCP alike.
 * Approvers decide inside Knox, not here.
 */
export const permissions = {
  /** See one approval's detail, refresh it, withdraw it: its requester, or an admin. */
  manageApproval: (user: Pick<CurrentUser, 'id' | 'role'>, requesterId: string | null) =>
    user.role === 'admin' || (requesterId !== null && user.id === requesterId),
  /** See everyone's approvals (others see their own). */
  seeAllApprovals: (user: Pick<CurrentUser, 'role'>) => user.role === 'admin',
  /** Failed actions, retries, resolving, handlers, running the poller, templates, system page. */
  administer: (user: Pick<CurrentUser, 'role'>) => user.role === 'admin',
  /** Submit approval requests: anyone with a Knox EP ID. */
  submitApprovals: (user: Pick<CurrentUser, 'epId'>) => Boolean(user.epId),
} as const;

export const MISSING_EP_ID_MESSAGE = 'Knox EP ID가 없어 결재 기능을 사용할 수 없습니다';
