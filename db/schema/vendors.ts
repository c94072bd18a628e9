import { sql } from 'drizzle-orm';
import {
  bigint,
  check,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  serial,
  smallint,
  text,
  timestamp,
} from 'drizzle-orm/pg-core';
import { timestamps, users } from './users';

export const VENDOR_STATUSES = [
  'draft',
  'pq_submitted',
  'pq_approved',
  'registration_pending',
  'regular',
  'suspension_pending',
  'suspended',
] as const;
export type VendorStatus = (typeof VENDOR_STATUSES)[number];

/**
 * The last number of the vendor codes (V-2026-00001) issued when a vendor becomes a regular
 * supplier: one row, moved forward in the registering transaction, so a rolled-back registration
 * gives its number back (a sequence's nextval is never undone and left gaps).
 */
export const vendorCodeCounter = pgTable(
  'vendor_code_counter',
  {
    id: smallint('id').primaryKey().default(1),
    lastValue: bigint('last_value', { mode: 'number' }).notNull(),
  },
  (table) => [check('vendor_code_counter_one_row', sql`${table.id} = 1`)],
);

export const vendors = pgTable(
  'vendors',
  {
    id: serial('id').primaryKey(),
    name: text('name').notNull(),
    /** 사업자등록번호 */
    businessNumber: text('business_number').notNull().unique(),
    representative: text('representative').notNull(),
    industry: text('industry').notNull(),
    country: text('country').notNull().default('KR'),
    address: text('address').notNull(),
    contactName: text('contact_name').notNull(),
    contactEmail: text('contact_email').notNull(),
    contactPhone: text('contact_phone'),
    status: text('status', { enum: VENDOR_STATUSES }).notNull().default('draft'),
    vendorCode: text('vendor_code').unique(),
    registeredAt: timestamp('registered_at', { withTimezone: true }),
    suspendedAt: timestamp('suspended_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [index('vendors_status_idx').on(table.status), index('vendors_name_idx').on(table.name)],
);

export const PQ_SUBMISSION_STATUSES = [
  'submitted',
  'under_review',
  'investigation_requested',
  'investigation_in_progress',
  'investigation_completed',
  'approved',
  'rejected',
] as const;
export type PqSubmissionStatus = (typeof PQ_SUBMISSION_STATUSES)[number];

/** A vendor's PQ (사전 적격 심사) submission. */
export const pqSubmissions = pgTable(
  'pq_submissions',
  {
    id: serial('id').primaryKey(),
    vendorId: integer('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    submissionNo: text('submission_no').notNull().unique(),
    category: text('category').notNull(),
    status: text('status', { enum: PQ_SUBMISSION_STATUSES }).notNull().default('submitted'),
    /** Evaluation score out of 100, once reviewed. */
    score: integer('score'),
    /** Evaluation items: [{ item, weight, score, note }]. */
    evaluation: jsonb('evaluation').$type<PqEvaluationItem[]>().notNull().default([]),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull().defaultNow(),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true }),
    ...timestamps,
  },
  (table) => [index('pq_submissions_vendor_idx').on(table.vendorId)],
);

export interface PqEvaluationItem {
  item: string;
  weight: number;
  score: number;
  note?: string;
}

export const INVESTIGATION_STATUSES = ['requested', 'scheduled', 'completed', 'cancelled'] as const;
export const INVESTIGATION_RESULTS = ['pass', 'conditional_pass', 'fail'] as const;

/** An on-site PQ investigation (실사), created when its request is approved in Knox. */
export const pqInvestigations = pgTable(
  'pq_investigations',
  {
    id: serial('id').primaryKey(),
    pqSubmissionId: integer('pq_submission_id')
      .notNull()
      .references(() => pqSubmissions.id, { onDelete: 'cascade' }),
    vendorId: integer('vendor_id')
      .notNull()
      .references(() => vendors.id, { onDelete: 'cascade' }),
    /** The Knox document that approved this investigation: one investigation per document. */
    apInfId: text('ap_inf_id').unique(),
    kind: text('kind', { enum: ['initial', 'rerequest'] }).notNull(),
    requestedStartDate: date('requested_start_date').notNull(),
    requestedEndDate: date('requested_end_date').notNull(),
    siteAddress: text('site_address').notNull(),
    reason: text('reason').notNull(),
    qmAssigneeId: text('qm_assignee_id').references(() => users.id, { onDelete: 'set null' }),
    qmAssigneeName: text('qm_assignee_name'),
    status: text('status', { enum: INVESTIGATION_STATUSES }).notNull().default('requested'),
    result: text('result', { enum: INVESTIGATION_RESULTS }),
    resultNote: text('result_note'),
    requestedBy: text('requested_by').references(() => users.id, { onDelete: 'set null' }),
    ...timestamps,
  },
  (table) => [index('pq_investigations_submission_idx').on(table.pqSubmissionId)],
);

export type Vendor = typeof vendors.$inferSelect;
export type PqSubmission = typeof pqSubmissions.$inferSelect;
export type PqInvestigation = typeof pqInvestigations.$inferSelect;
