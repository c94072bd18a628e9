import { forUser } from '@/lib/auth/data-access';
import { permissions } from '@/lib/auth/permissions';
import { getPeopleByEpId, getUserNames } from '@/lib/auth/user-names';
import { approvalLineRows } from './approval-line-view';
import { getApprovalWithTimeline, listApprovals, listPendingActions } from './queries';
import { findReRequestSource, getReplacementLinks, reRequestHref } from './re-request';
import { orderTimeline } from './timeline';

/** What the approval pages read; every function asks who is signed in before it reads anything. */

/** The dashboard: the viewer's own approvals, and for admins the number of failed actions. */
export const loadDashboard = forUser(async ({ db, user }) => {
  const { items } = await listApprovals(db, { viewer: user, mine: true, limit: 500 });
  const failedAll = permissions.administer(user)
    ? (await listPendingActions(db, { status: 'failed', limit: 1 })).total
    : null;
  return { user, items, failedAll };
});

export interface ApprovalListQuery {
  mine: boolean;
  status?: number;
  search?: string;
  limit: number;
  offset: number;
}

/** The approval list: one's own, or everyone's for those who may see all. */
export const loadApprovalList = forUser(async ({ db, user }, query: ApprovalListQuery) => {
  const seeAll = permissions.seeAllApprovals(user);
  const result = await listApprovals(db, { viewer: user, ...query, mine: !seeAll || query.mine });
  return { user, seeAll, ...result };
});

/**
 * One approval with its timeline and the names of the people in it, or null when it does not
 * exist or is someone else's: another user's document looks exactly like a missing one.
 */
export const loadApprovalDetail = forUser(async ({ db, user }, apInfId: string) => {
  const detail = await getApprovalWithTimeline(db, apInfId);
  if (!detail || !permissions.manageApproval(user, detail.approval.requesterId)) return null;
  const names = await getUserNames(
    db,
    detail.events.map((event) => event.actor),
  );
  const { approval, action } = detail;
  const lineEpIds = approval.approvalLine.flatMap((entry) =>
    entry && typeof (entry as { epId?: unknown }).epId === 'string' ? [(entry as { epId: string }).epId] : [],
  );
  const people = await getPeopleByEpId(db, [approval.requesterEpId, ...lineEpIds]);
  const lineRows = approvalLineRows({
    line: approval.approvalLine,
    requester: { epId: approval.requesterEpId, name: approval.requesterName },
    people,
  });
  const links = action ? await getReplacementLinks(db, action) : { replaces: null, replacedBy: null };
  const reRequest = action ? reRequestHref(action, user.id, links.replacedBy) : null;
  return {
    user,
    ...detail,
    events: orderTimeline(detail.events),
    names,
    lineRows,
    lineReported: approval.lineSyncedAt !== null,
    links,
    reRequestHref: reRequest,
  };
});

/** 다시 요청: the viewer's ended approval whose input a request form is filled with (or why not). */
export const loadReRequestSource = forUser(
  async ({ db, user }, apInfId: string, actionTypes: readonly string[]) =>
    findReRequestSource(db, user.id, apInfId, actionTypes),
);
