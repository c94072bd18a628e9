import { index, integer, jsonb, pgTable, serial, text, timestamp, uniqueIndex } from 'drizzle-orm/pg-core';

/**
 * The Knox simulator's own storage, namespaced `knox_sim_*`. Nothing outside lib/knox-simulator reads
 * these tables: the app sees Knox only through its HTTP API, exactly as it would see real Knox.
 */
export const knoxSimDocuments = pgTable(
  'knox_sim_documents',
  {
    apInfId: text('ap_inf_id').primaryKey(),
    systemId: text('system_id').notNull(),
    subject: text('subject').notNull(),
    contents: text('contents').notNull(),
    contentsType: text('contents_type').notNull(),
    docSecuType: text('doc_secu_type').notNull(),
    notifyOption: text('notify_option').notNull(),
    urgYn: text('urg_yn').notNull(),
    importantYn: text('important_yn').notNull(),
    sbmDt: text('sbm_dt').notNull(),
    timeZone: text('time_zone').notNull(),
    sbmLang: text('sbm_lang').notNull(),
    docMngSaveCode: text('doc_mng_save_code').notNull(),
    status: integer('status').notNull(),
    docChgNum: integer('doc_chg_num').notNull().default(0),
    attachments: jsonb('attachments').$type<unknown[]>().notNull().default([]),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index('knox_sim_documents_status_idx').on(table.status)],
);

export const knoxSimLines = pgTable(
  'knox_sim_lines',
  {
    id: serial('id').primaryKey(),
    apInfId: text('ap_inf_id')
      .notNull()
      .references(() => knoxSimDocuments.apInfId, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    role: integer('role').notNull(),
    epId: text('ep_id').notNull(),
    userId: text('user_id'),
    emailAddress: text('email_address'),
    aplnStatsCode: integer('apln_stats_code').notNull().default(0),
    arbPmtYn: text('arb_pmt_yn').notNull().default('N'),
    contentsMdfyPmtYn: text('contents_mdfy_pmt_yn').notNull().default('N'),
    aplnMdfyPmtYn: text('apln_mdfy_pmt_yn').notNull().default('N'),
    opinion: text('opinion'),
    /** yyyyMMddHHmmss, GMT+9, as Knox reports them. */
    docArvDt: text('doc_arv_dt'),
    docOpenDt: text('doc_open_dt'),
    actPrssDt: text('act_prss_dt'),
  },
  (table) => [
    uniqueIndex('knox_sim_lines_doc_seq_ep_key').on(table.apInfId, table.seq, table.epId),
    index('knox_sim_lines_ep_idx').on(table.epId),
  ],
);

/** The simulator's people directory: what Knox's detail call reports for an EP ID. */
export const knoxSimPeople = pgTable('knox_sim_people', {
  epId: text('ep_id').primaryKey(),
  userId: text('user_id').notNull(),
  name: text('name').notNull(),
  emailAddress: text('email_address').notNull(),
  companyName: text('company_name').notNull(),
  departmentName: text('department_name').notNull(),
  titleName: text('title_name').notNull(),
});

export type KnoxSimDocument = typeof knoxSimDocuments.$inferSelect;
export type KnoxSimLine = typeof knoxSimLines.$inferSelect;
export type KnoxSimPerson = typeof knoxSimPeople.$inferSelect;
