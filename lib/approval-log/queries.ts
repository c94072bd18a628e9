import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  inArray,
  isNotNull,
  isNull,
  lt,
  notInArray,
  or,
  type SQL,
  sql,
} from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import {
  type ApprovalEvent,
  type ApprovalLog,
  approvalEvents,
  approvalLogs,
  PENDING_ACTION_STATUSES,
  type PendingAction,
  type PendingActionStatus,
  pendingActions,
  users,
} from '@/db/schema';
import type { CurrentUser } from '@/lib/auth/current-user';
import { permissions } from '@/lib/auth/permissions';
import {
  APPROVAL_BUCKETS,
  type ApprovalBucket,
  FAILED_BUCKET_ACTION_STATUSES,
  knoxStatusesOf,
} from './buckets';

/**
 * Read queries over approvals and their pending actions, shared by the web pages, the REST API,
 * the CLI (through REST) and MCP. Writes belong to lib/approval.
 */

type Handle = Db | Tx;

export interface ApprovalActionSummary {
  id: number;
  actionType: string;
  status: PendingActionStatus;
  attempts: number;
  errorMessage: string | null;
  executedAt: Date | null;
  approvalBypassed: boolean;
  updatedAt: Date;
}

export interface ApprovalListItem {
  apInfId: string;
  title: string;
  /** Knox document status code (-2..6); label and tone from knox-api/approval/status-labels. */
  knoxStatus: number;
  requesterId: string | null;
  requesterName: string | null;
  requesterEpId: string;
  submittedAt: Date | null;
  decidedAt: Date | null;
  lastSyncedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** The business action the document gates; null for a document without one. */
  action: ApprovalActionSummary | null;
}

export interface ListApprovalsOptions {
  viewer: Pick<CurrentUser, 'id' | 'role'>;
  /** Only the viewer's own approvals. Viewers who may not see everyone's always get only their own. */
  mine?: boolean;
  /** Knox status code. */
  status?: number;
  /** Status of the gated action (`failed`, `executed`, …). */
  actionStatus?: PendingActionStatus;
  /** Matches the title or the Knox id, case-insensitively. */
  search?: string;
  /** The dashboard's group (buckets.ts): each document is in exactly one. */
  bucket?: ApprovalBucket;
  actionType?: string;
  /** Requested at or after this instant, and before `createdBefore`. */
  createdFrom?: Date;
  createdBefore?: Date;
  limit?: number;
  offset?: number;
}

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

const pageSize = (limit: number | undefined) =>
  Math.min(Math.max(limit ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (char) => `\\${char}`);

const listColumns = {
  apInfId: approvalLogs.apInfId,
  title: approvalLogs.title,
  knoxStatus: approvalLogs.status,
  requesterId: approvalLogs.requesterId,
  requesterName: users.name,
  requesterEpId: approvalLogs.requesterEpId,
  submittedAt: approvalLogs.submittedAt,
  decidedAt: approvalLogs.decidedAt,
  lastSyncedAt: approvalLogs.lastSyncedAt,
  createdAt: approvalLogs.createdAt,
  updatedAt: approvalLogs.updatedAt,
  actionId: pendingActions.id,
  actionType: pendingActions.actionType,
  actionStatus: pendingActions.status,
  actionAttempts: pendingActions.attempts,
  actionErrorMessage: pendingActions.errorMessage,
  actionExecutedAt: pendingActions.executedAt,
  actionApprovalBypassed: pendingActions.approvalBypassed,
  actionUpdatedAt: pendingActions.updatedAt,
};

type ListRow = {
  [K in keyof typeof listColumns]: (typeof listColumns)[K]['_']['data'] | null;
};

function toListItem(row: ListRow): ApprovalListItem {
  return {
    apInfId: row.apInfId!,
    title: row.title!,
    knoxStatus: row.knoxStatus!,
    requesterId: row.requesterId,
    requesterName: row.requesterName,
    requesterEpId: row.requesterEpId!,
    submittedAt: row.submittedAt,
    decidedAt: row.decidedAt,
    lastSyncedAt: row.lastSyncedAt,
    createdAt: row.createdAt!,
    updatedAt: row.updatedAt!,
    action:
      row.actionId === null
        ? null
        : {
            id: row.actionId,
            actionType: row.actionType!,
            status: row.actionStatus!,
            attempts: row.actionAttempts!,
            errorMessage: row.actionErrorMessage,
            executedAt: row.actionExecutedAt,
            approvalBypassed: row.actionApprovalBypassed!,
            updatedAt: row.actionUpdatedAt!,
          },
  };
}

/** The SQL of buckets.ts's rule (approvalBucket), over approval_logs left-joined to pending_actions. */
function inBucket(bucket: ApprovalBucket): SQL {
  const failed = [...FAILED_BUCKET_ACTION_STATUSES];
  if (bucket === 'failed') return inArray(pendingActions.status, failed);
  return and(
    inArray(approvalLogs.status, knoxStatusesOf(bucket)),
    or(isNull(pendingActions.status), notInArray(pendingActions.status, failed)),
  )!;
}

/** Who sees which approvals: one's own, or everyone's for those who may see all. */
function visibleTo(options: Pick<ListApprovalsOptions, 'viewer' | 'mine'>): SQL | undefined {
  return options.mine || !permissions.seeAllApprovals(options.viewer)
    ? eq(approvalLogs.requesterId, options.viewer.id)
    : undefined;
}

/** Approvals with their action, newest first; `total` counts every match, ignoring limit/offset. */
export async function listApprovals(
  db: Handle,
  options: ListApprovalsOptions,
): Promise<{ items: ApprovalListItem[]; total: number }> {
  const conditions: SQL[] = [];
  const visible = visibleTo(options);
  if (visible) conditions.push(visible);
  if (options.status !== undefined) conditions.push(eq(approvalLogs.status, options.status));
  if (options.actionStatus) conditions.push(eq(pendingActions.status, options.actionStatus));
  if (options.bucket) conditions.push(inBucket(options.bucket));
  if (options.actionType) conditions.push(eq(pendingActions.actionType, options.actionType));
  if (options.createdFrom) conditions.push(gte(approvalLogs.createdAt, options.createdFrom));
  if (options.createdBefore) conditions.push(lt(approvalLogs.createdAt, options.createdBefore));
  const search = options.search?.trim();
  if (search) {
    const pattern = `%${escapeLike(search)}%`;
    conditions.push(or(ilike(approvalLogs.title, pattern), ilike(approvalLogs.apInfId, pattern))!);
  }
  const where = conditions.length > 0 ? and(...conditions) : undefined;

  const rows = await db
    .select(listColumns)
    .from(approvalLogs)
    .leftJoin(pendingActions, eq(pendingActions.apInfId, approvalLogs.apInfId))
    .leftJoin(users, eq(users.id, approvalLogs.requesterId))
    .where(where)
    .orderBy(desc(approvalLogs.createdAt), desc(approvalLogs.apInfId))
    .limit(pageSize(options.limit))
    .offset(Math.max(options.offset ?? 0, 0));
  const [total] = await db
    .select({ value: count() })
    .from(approvalLogs)
    .leftJoin(pendingActions, eq(pendingActions.apInfId, approvalLogs.apInfId))
    .where(where);
  return { items: rows.map(toListItem), total: total?.value ?? 0 };
}

/** How many of the visible approvals are in each bucket; every bucket present, zero when none. */
export async function countApprovalsByBucket(
  db: Handle,
  options: Pick<ListApprovalsOptions, 'viewer' | 'mine'>,
): Promise<Record<ApprovalBucket, number>> {
  const counts = Object.fromEntries(APPROVAL_BUCKETS.map((bucket) => [bucket, 0])) as Record<
    ApprovalBucket,
    number
  >;
  const visible = visibleTo(options);
  const columns = Object.fromEntries(
    APPROVAL_BUCKETS.map((bucket) => [bucket, sql<number>`count(*) filter (where ${inBucket(bucket)})`]),
  ) as Record<ApprovalBucket, SQL<number>>;
  const [row] = await db
    .select(columns)
    .from(approvalLogs)
    .leftJoin(pendingActions, eq(pendingActions.apInfId, approvalLogs.apInfId))
    .where(visible);
  for (const bucket of APPROVAL_BUCKETS) counts[bucket] = Number(row?.[bucket] ?? 0);
  return counts;
}

export interface ApprovalDetail {
  approval: ApprovalLog & { requesterName: string | null; requesterEmail: string | null };
  action: PendingAction | null;
  /** Every state change, oldest first. */
  events: ApprovalEvent[];
}

/** One approval with its action and its event timeline, or null when the Knox id is unknown. */
export async function getApprovalWithTimeline(db: Handle, apInfId: string): Promise<ApprovalDetail | null> {
  const [row] = await db
    .select({ approval: approvalLogs, requesterName: users.name, requesterEmail: users.email })
    .from(approvalLogs)
    .leftJoin(users, eq(users.id, approvalLogs.requesterId))
    .where(eq(approvalLogs.apInfId, apInfId))
    .limit(1);
  if (!row) return null;
  const [action] = await db.select().from(pendingActions).where(eq(pendingActions.apInfId, apInfId)).limit(1);
  const events = await db
    .select()
    .from(approvalEvents)
    .where(eq(approvalEvents.apInfId, apInfId))
    .orderBy(asc(approvalEvents.createdAt), asc(approvalEvents.id));
  return {
    approval: { ...row.approval, requesterName: row.requesterName, requesterEmail: row.requesterEmail },
    action: action ?? null,
    events,
  };
}

export interface PendingActionListItem {
  id: number;
  apInfId: string;
  actionType: string;
  status: PendingActionStatus;
  attempts: number;
  errorMessage: string | null;
  executedAt: Date | null;
  approvalBypassed: boolean;
  resolutionNote: string | null;
  createdBy: string | null;
  requesterName: string | null;
  requesterEmail: string | null;
  /** The Knox document's title and status; null when no approval log exists for it. */
  title: string | null;
  knoxStatus: number | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Pending actions (all, or in one status), most recently changed first, with who asked and why they failed. */
export async function listPendingActions(
  db: Handle,
  options: { status?: PendingActionStatus; limit?: number; offset?: number } = {},
): Promise<{ items: PendingActionListItem[]; total: number }> {
  const where = options.status ? eq(pendingActions.status, options.status) : undefined;
  const items = await db
    .select({
      id: pendingActions.id,
      apInfId: pendingActions.apInfId,
      actionType: pendingActions.actionType,
      status: pendingActions.status,
      attempts: pendingActions.attempts,
      errorMessage: pendingActions.errorMessage,
      executedAt: pendingActions.executedAt,
      approvalBypassed: pendingActions.approvalBypassed,
      resolutionNote: pendingActions.resolutionNote,
      createdBy: pendingActions.createdBy,
      requesterName: users.name,
      requesterEmail: users.email,
      title: approvalLogs.title,
      knoxStatus: approvalLogs.status,
      createdAt: pendingActions.createdAt,
      updatedAt: pendingActions.updatedAt,
    })
    .from(pendingActions)
    .leftJoin(users, eq(users.id, pendingActions.createdBy))
    .leftJoin(approvalLogs, eq(approvalLogs.apInfId, pendingActions.apInfId))
    .where(where)
    .orderBy(desc(pendingActions.updatedAt), desc(pendingActions.id))
    .limit(pageSize(options.limit))
    .offset(Math.max(options.offset ?? 0, 0));
  const [total] = await db.select({ value: count() }).from(pendingActions).where(where);
  return { items, total: total?.value ?? 0 };
}

/** Failed actions grouped by their error message, most frequent first (the system page's triage list). */
export async function countFailedActionsByError(
  db: Handle,
): Promise<Array<{ errorMessage: string; count: number }>> {
  const message = sql<string>`coalesce(${pendingActions.errorMessage}, '')`;
  const rows = await db
    .select({ errorMessage: message, count: count() })
    .from(pendingActions)
    .where(eq(pendingActions.status, 'failed'))
    .groupBy(message)
    .orderBy(desc(count()), asc(message));
  return rows.map((row) => ({ errorMessage: row.errorMessage, count: Number(row.count) }));
}

/** How many pending actions are in each status; every status is present, zero when none. */
export async function countPendingActionsByStatus(db: Handle): Promise<Record<PendingActionStatus, number>> {
  const rows = await db
    .select({ status: pendingActions.status, count: count() })
    .from(pendingActions)
    .where(isNotNull(pendingActions.status))
    .groupBy(pendingActions.status);
  const counts = Object.fromEntries(PENDING_ACTION_STATUSES.map((status) => [status, 0])) as Record<
    PendingActionStatus,
    number
  >;
  for (const row of rows) counts[row.status] = Number(row.count);
  return counts;
}
