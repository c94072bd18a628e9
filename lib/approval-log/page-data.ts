import { forUser } from '@/lib/auth/data-access';
import { permissions } from '@/lib/auth/permissions';
import { getPeopleByEpId, getUserNames } from '@/lib/auth/user-names';
import { approvalLineRows } from './approval-line-view';
import type { ApprovalBucket } from './buckets';
import { type ApprovalFilter, kstDayRange } from './filters';
import {
  type ApprovalListItem,
  countApprovalsByBucket,
  getApprovalWithTimeline,
  listApprovals,
  MAX_PAGE_SIZE,
} from './queries';
import { findReRequestSource, getReplacementLinks, reRequestHref } from './re-request';
import { approverActView, occurredAt, orderTimeline } from './timeline';

/** What the approval pages read; every function asks who is signed in before it reads anything. */

/**
 * The dashboard: the viewer's own approvals counted once each by bucket, the recent ones, and for
 * admins everyone's 실행 실패.
 */
export const loadDashboard = forUser(async ({ db, user }) => {
  const counts = await countApprovalsByBucket(db, { viewer: user, mine: true });
  const { items } = await listApprovals(db, { viewer: user, mine: true, limit: 50 });
  const failedAll: number | null = permissions.administer(user)
    ? (await countApprovalsByBucket(db, { viewer: user, mine: false })).failed
    : null;
  return { user, counts: counts satisfies Record<ApprovalBucket, number>, items, failedAll };
});

/** The list options of a parsed 결재 현황 filter (the page and the CSV export read the same). */
function listOptionsOf(filter: ApprovalFilter, seeAll: boolean) {
  const range = kstDayRange(filter);
  return {
    mine: !seeAll || filter.mine === true,
    status: filter.status,
    actionStatus: filter.action,
    bucket: filter.bucket,
    actionType: filter.type,
    search: filter.q,
    createdFrom: range.from,
    createdBefore: range.before,
  };
}

/** The approval list: one's own, or everyone's for those who may see all. */
export const loadApprovalList = forUser(
  async ({ db, user }, filter: ApprovalFilter, page: { limit: number; offset: number }) => {
    const seeAll = permissions.seeAllApprovals(user);
    const result = await listApprovals(db, { viewer: user, ...listOptionsOf(filter, seeAll), ...page });
    return { user, seeAll, ...result };
  },
);

/** Rows exported as CSV at most; the export says so when a filter matches more. */
const EXPORT_LIMIT = 10_000;

/**
 * Every approval the filter matches (same visibility as the list), up to EXPORT_LIMIT; nothing for
 * a filter that did not parse (the caller is still asked who they are first).
 */
export const loadApprovalExport = forUser(async ({ db, user }, filter: ApprovalFilter | null) => {
  const seeAll = permissions.seeAllApprovals(user);
  if (!filter) return { user, seeAll, items: [] as ApprovalListItem[], total: 0 };
  const options = { viewer: user, ...listOptionsOf(filter, seeAll) };
  const items: ApprovalListItem[] = [];
  let total = 0;
  for (let offset = 0; offset < EXPORT_LIMIT; offset += MAX_PAGE_SIZE) {
    const page = await listApprovals(db, { ...options, limit: MAX_PAGE_SIZE, offset });
    total = page.total;
    items.push(...page.items);
    if (page.items.length < MAX_PAGE_SIZE || items.length >= total) break;
  }
  return { user, seeAll, items, total };
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
    timeline: orderTimeline(detail.events).map((event) => ({
      event,
      occurredAt: occurredAt(event),
      act: approverActView(event, names),
    })),
    names,
    lineRows,
    lineReported: approval.lineSyncedAt !== null,
    links,
    reRequestHref: reRequest,
  };
});

/** 다시 요청: the viewer's ended approval whose input the form at `formPath` is filled with (or why not). */
export const loadReRequestSource = forUser(async ({ db, user }, apInfId: string, formPath: string) =>
  findReRequestSource(db, user.id, apInfId, formPath),
);
