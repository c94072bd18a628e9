import { and, asc, count, desc, eq, ilike, isNotNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/db';
import {
  approvalLogs,
  type PendingActionStatus,
  type PqInvestigation,
  type PqSubmission,
  pendingActions,
  pqInvestigations,
  pqSubmissions,
  users,
  type Vendor,
  type VendorStatus,
  vendors,
} from '@/db/schema';
import { QM_DEPARTMENT } from '@/lib/directory/people';

export interface VendorListFilter {
  query?: string;
  status?: VendorStatus;
  page: number;
  pageSize: number;
}

interface VendorListPage {
  rows: Vendor[];
  total: number;
  page: number;
  pageCount: number;
}

/** `%` and `_` typed by a user are literal characters, not patterns. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function listVendors(db: Db | Tx, filter: VendorListFilter): Promise<VendorListPage> {
  const conditions: SQL[] = [];
  const query = filter.query?.trim();
  if (query) {
    const pattern = likePattern(query);
    conditions.push(
      or(
        ilike(vendors.name, pattern),
        ilike(vendors.businessNumber, pattern),
        ilike(vendors.vendorCode, pattern),
        ilike(vendors.industry, pattern),
      )!,
    );
  }
  if (filter.status) conditions.push(eq(vendors.status, filter.status));
  const where = conditions.length ? and(...conditions) : undefined;
  const [totalRow] = await db.select({ value: count() }).from(vendors).where(where);
  const total = totalRow?.value ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / filter.pageSize));
  const page = Math.min(Math.max(1, filter.page), pageCount);
  const rows = await db
    .select()
    .from(vendors)
    .where(where)
    .orderBy(asc(vendors.name), asc(vendors.id))
    .limit(filter.pageSize)
    .offset((page - 1) * filter.pageSize);
  return { rows, total, page, pageCount };
}

async function getVendor(db: Db | Tx, id: number): Promise<Vendor | null> {
  const [row] = await db.select().from(vendors).where(eq(vendors.id, id)).limit(1);
  return row ?? null;
}

interface VendorDetail {
  vendor: Vendor;
  submissions: PqSubmission[];
  investigations: Array<PqInvestigation & { requestedByName: string | null }>;
}

export async function getVendorDetail(db: Db | Tx, id: number): Promise<VendorDetail | null> {
  const vendor = await getVendor(db, id);
  if (!vendor) return null;
  const submissions = await db
    .select()
    .from(pqSubmissions)
    .where(eq(pqSubmissions.vendorId, id))
    .orderBy(desc(pqSubmissions.submittedAt));
  const investigationRows = await db
    .select({ investigation: pqInvestigations, requestedByName: users.name })
    .from(pqInvestigations)
    .leftJoin(users, eq(users.id, pqInvestigations.requestedBy))
    .where(eq(pqInvestigations.vendorId, id))
    .orderBy(desc(pqInvestigations.createdAt));
  return {
    vendor,
    submissions,
    investigations: investigationRows.map((row) => ({
      ...row.investigation,
      requestedByName: row.requestedByName,
    })),
  };
}

export async function getPqSubmission(
  db: Db | Tx,
  vendorId: number,
  submissionId: number,
): Promise<{ vendor: Vendor; submission: PqSubmission; investigations: PqInvestigation[] } | null> {
  const [row] = await db
    .select({ vendor: vendors, submission: pqSubmissions })
    .from(pqSubmissions)
    .innerJoin(vendors, eq(vendors.id, pqSubmissions.vendorId))
    .where(and(eq(pqSubmissions.id, submissionId), eq(pqSubmissions.vendorId, vendorId)))
    .limit(1);
  if (!row) return null;
  const investigations = await db
    .select()
    .from(pqInvestigations)
    .where(eq(pqInvestigations.pqSubmissionId, submissionId))
    .orderBy(desc(pqInvestigations.createdAt));
  return { ...row, investigations };
}

export interface ApproverCandidate {
  id: string;
  name: string;
  epId: string;
  department: string | null;
  title: string | null;
  email: string;
}

/** People who can sit on a Knox approval line: anyone with an EP ID, found by name, email, team or EP ID. */
export async function searchApprovers(
  db: Db | Tx,
  query: string,
  options: { excludeUserId?: string; limit?: number } = {},
): Promise<ApproverCandidate[]> {
  const text = query.trim();
  const pattern = likePattern(text);
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      epId: users.epId,
      department: users.department,
      title: users.title,
      email: users.email,
    })
    .from(users)
    .where(
      and(
        isNotNull(users.epId),
        text
          ? or(
              ilike(users.name, pattern),
              ilike(users.email, pattern),
              ilike(users.department, pattern),
              ilike(users.epId, pattern),
            )
          : undefined,
      ),
    )
    .orderBy(asc(users.name))
    .limit(options.limit ?? 10);
  return rows
    .filter((row) => row.id !== options.excludeUserId)
    .map((row) => ({ ...row, epId: row.epId as string }));
}

export interface AssignableUser {
  id: string;
  name: string;
  department: string | null;
  title: string | null;
}

/** People who can be named QM assignee of an investigation: the QM staff (품질경영팀) of the directory. */
export async function listAssignableUsers(db: Db | Tx): Promise<AssignableUser[]> {
  return db
    .select({ id: users.id, name: users.name, department: users.department, title: users.title })
    .from(users)
    .where(eq(users.department, QM_DEPARTMENT))
    .orderBy(asc(users.name));
}

interface VendorApprovalRow {
  apInfId: string;
  actionType: string;
  actionStatus: PendingActionStatus;
  title: string | null;
  knoxStatus: number | null;
  requesterId: string | null;
  requesterName: string | null;
  createdAt: Date;
}

/** Approvals whose action concerns this vendor (every vendor action carries `vendorId`), newest first. */
export async function listVendorApprovals(
  db: Db | Tx,
  vendorId: number,
  limit = 20,
): Promise<VendorApprovalRow[]> {
  return db
    .select({
      apInfId: pendingActions.apInfId,
      actionType: pendingActions.actionType,
      actionStatus: pendingActions.status,
      title: approvalLogs.title,
      knoxStatus: approvalLogs.status,
      requesterId: pendingActions.createdBy,
      requesterName: users.name,
      createdAt: pendingActions.createdAt,
    })
    .from(pendingActions)
    .leftJoin(approvalLogs, eq(approvalLogs.apInfId, pendingActions.apInfId))
    .leftJoin(users, eq(users.id, pendingActions.createdBy))
    .where(sql`(${pendingActions.actionPayload} ->> 'vendorId') = ${String(vendorId)}`)
    .orderBy(desc(pendingActions.createdAt), desc(pendingActions.id))
    .limit(limit);
}
