CREATE SEQUENCE "public"."vendor_code_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "agent_tool_permissions" (
	"role" text NOT NULL,
	"tool_name" text NOT NULL,
	"allowed" boolean DEFAULT false NOT NULL,
	"requires_approval" boolean DEFAULT true NOT NULL,
	CONSTRAINT "agent_tool_permissions_role_tool_name_pk" PRIMARY KEY("role","tool_name")
);
--> statement-breakpoint
CREATE TABLE "agent_tools" (
	"name" text PRIMARY KEY NOT NULL,
	"risk_level" text NOT NULL,
	"description" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ap_inf_id" text NOT NULL,
	"pending_action_id" integer,
	"actor" text NOT NULL,
	"event_type" text NOT NULL,
	"from_status" text,
	"to_status" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_logs" (
	"ap_inf_id" text PRIMARY KEY NOT NULL,
	"status" integer NOT NULL,
	"title" text NOT NULL,
	"content" text NOT NULL,
	"requester_id" text,
	"requester_ep_id" text NOT NULL,
	"approval_line" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"doc_chg_num" integer DEFAULT 0 NOT NULL,
	"submitted_at" timestamp with time zone,
	"decided_at" timestamp with time zone,
	"last_synced_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_template_versions" (
	"id" serial PRIMARY KEY NOT NULL,
	"template_id" integer NOT NULL,
	"version" integer NOT NULL,
	"content" text NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "approval_templates" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"description" text,
	"content" text NOT NULL,
	"sample_variables" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "approval_templates_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "pending_actions" (
	"id" serial PRIMARY KEY NOT NULL,
	"ap_inf_id" text NOT NULL,
	"action_type" text NOT NULL,
	"action_payload" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"claim_expires_at" timestamp with time zone,
	"executed_at" timestamp with time zone,
	"execution_result" jsonb,
	"error_message" text,
	"approval_bypassed" boolean DEFAULT false NOT NULL,
	"resolution_note" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pending_actions_ap_inf_id_unique" UNIQUE("ap_inf_id")
);
--> statement-breakpoint
CREATE TABLE "knox_sim_documents" (
	"ap_inf_id" text PRIMARY KEY NOT NULL,
	"system_id" text NOT NULL,
	"subject" text NOT NULL,
	"contents" text NOT NULL,
	"contents_type" text NOT NULL,
	"doc_secu_type" text NOT NULL,
	"notify_option" text NOT NULL,
	"urg_yn" text NOT NULL,
	"important_yn" text NOT NULL,
	"sbm_dt" text NOT NULL,
	"time_zone" text NOT NULL,
	"sbm_lang" text NOT NULL,
	"doc_mng_save_code" text NOT NULL,
	"status" integer NOT NULL,
	"doc_chg_num" integer DEFAULT 0 NOT NULL,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "knox_sim_lines" (
	"id" serial PRIMARY KEY NOT NULL,
	"ap_inf_id" text NOT NULL,
	"seq" integer NOT NULL,
	"role" integer NOT NULL,
	"ep_id" text NOT NULL,
	"user_id" text,
	"email_address" text,
	"apln_stats_code" integer DEFAULT 0 NOT NULL,
	"arb_pmt_yn" text DEFAULT 'N' NOT NULL,
	"contents_mdfy_pmt_yn" text DEFAULT 'N' NOT NULL,
	"apln_mdfy_pmt_yn" text DEFAULT 'N' NOT NULL,
	"opinion" text,
	"doc_arv_dt" text,
	"doc_open_dt" text,
	"act_prss_dt" text
);
--> statement-breakpoint
CREATE TABLE "knox_sim_people" (
	"ep_id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"email_address" text NOT NULL,
	"company_name" text NOT NULL,
	"department_name" text NOT NULL,
	"title_name" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "scheduler_leases" (
	"name" text PRIMARY KEY NOT NULL,
	"holder" text,
	"lease_expires_at" timestamp with time zone,
	"last_run_at" timestamp with time zone,
	"last_run_holder" text,
	"last_summary" jsonb,
	"last_error" text,
	"next_run_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "accounts" (
	"id" text PRIMARY KEY NOT NULL,
	"account_id" text NOT NULL,
	"provider_id" text NOT NULL,
	"user_id" text NOT NULL,
	"access_token" text,
	"refresh_token" text,
	"id_token" text,
	"access_token_expires_at" timestamp with time zone,
	"refresh_token_expires_at" timestamp with time zone,
	"scope" text,
	"password" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "api_tokens" (
	"id" serial PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"token_hash" text NOT NULL,
	"token_prefix" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	CONSTRAINT "api_tokens_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" text PRIMARY KEY NOT NULL,
	"token" text NOT NULL,
	"user_id" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"ip_address" text,
	"user_agent" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "sessions_token_unique" UNIQUE("token")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"email" text NOT NULL,
	"email_verified" boolean DEFAULT false NOT NULL,
	"image" text,
	"ep_id" text,
	"department" text,
	"title" text,
	"role" text DEFAULT 'employee' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "verifications" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text NOT NULL,
	"value" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pq_investigations" (
	"id" serial PRIMARY KEY NOT NULL,
	"pq_submission_id" integer NOT NULL,
	"vendor_id" integer NOT NULL,
	"ap_inf_id" text,
	"kind" text NOT NULL,
	"requested_start_date" date NOT NULL,
	"requested_end_date" date NOT NULL,
	"site_address" text NOT NULL,
	"reason" text NOT NULL,
	"qm_assignee_id" text,
	"qm_assignee_name" text,
	"status" text DEFAULT 'requested' NOT NULL,
	"result" text,
	"result_note" text,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pq_investigations_ap_inf_id_unique" UNIQUE("ap_inf_id")
);
--> statement-breakpoint
CREATE TABLE "pq_submissions" (
	"id" serial PRIMARY KEY NOT NULL,
	"vendor_id" integer NOT NULL,
	"submission_no" text NOT NULL,
	"category" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"score" integer,
	"evaluation" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"submitted_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reviewed_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pq_submissions_submission_no_unique" UNIQUE("submission_no")
);
--> statement-breakpoint
CREATE TABLE "vendors" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"business_number" text NOT NULL,
	"representative" text NOT NULL,
	"industry" text NOT NULL,
	"country" text DEFAULT 'KR' NOT NULL,
	"address" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_email" text NOT NULL,
	"contact_phone" text,
	"status" text DEFAULT 'draft' NOT NULL,
	"vendor_code" text,
	"registered_at" timestamp with time zone,
	"suspended_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "vendors_business_number_unique" UNIQUE("business_number"),
	CONSTRAINT "vendors_vendor_code_unique" UNIQUE("vendor_code")
);
--> statement-breakpoint
ALTER TABLE "agent_tool_permissions" ADD CONSTRAINT "agent_tool_permissions_tool_name_agent_tools_name_fk" FOREIGN KEY ("tool_name") REFERENCES "public"."agent_tools"("name") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_logs" ADD CONSTRAINT "approval_logs_requester_id_users_id_fk" FOREIGN KEY ("requester_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_template_versions" ADD CONSTRAINT "approval_template_versions_template_id_approval_templates_id_fk" FOREIGN KEY ("template_id") REFERENCES "public"."approval_templates"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_template_versions" ADD CONSTRAINT "approval_template_versions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "approval_templates" ADD CONSTRAINT "approval_templates_updated_by_users_id_fk" FOREIGN KEY ("updated_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pending_actions" ADD CONSTRAINT "pending_actions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "knox_sim_lines" ADD CONSTRAINT "knox_sim_lines_ap_inf_id_knox_sim_documents_ap_inf_id_fk" FOREIGN KEY ("ap_inf_id") REFERENCES "public"."knox_sim_documents"("ap_inf_id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "accounts" ADD CONSTRAINT "accounts_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "api_tokens" ADD CONSTRAINT "api_tokens_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pq_investigations" ADD CONSTRAINT "pq_investigations_pq_submission_id_pq_submissions_id_fk" FOREIGN KEY ("pq_submission_id") REFERENCES "public"."pq_submissions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pq_investigations" ADD CONSTRAINT "pq_investigations_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pq_investigations" ADD CONSTRAINT "pq_investigations_qm_assignee_id_users_id_fk" FOREIGN KEY ("qm_assignee_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pq_investigations" ADD CONSTRAINT "pq_investigations_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pq_submissions" ADD CONSTRAINT "pq_submissions_vendor_id_vendors_id_fk" FOREIGN KEY ("vendor_id") REFERENCES "public"."vendors"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "approval_events_ap_inf_id_idx" ON "approval_events" USING btree ("ap_inf_id","id");--> statement-breakpoint
CREATE INDEX "approval_logs_open_idx" ON "approval_logs" USING btree ("status","created_at") WHERE "approval_logs"."status" between -2 and 1;--> statement-breakpoint
CREATE INDEX "approval_logs_requester_idx" ON "approval_logs" USING btree ("requester_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "approval_template_versions_template_version_key" ON "approval_template_versions" USING btree ("template_id","version");--> statement-breakpoint
CREATE INDEX "pending_actions_status_idx" ON "pending_actions" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "pending_actions_created_by_idx" ON "pending_actions" USING btree ("created_by","created_at");--> statement-breakpoint
CREATE INDEX "pending_actions_claim_idx" ON "pending_actions" USING btree ("claim_expires_at") WHERE "pending_actions"."status" = 'executing';--> statement-breakpoint
CREATE INDEX "knox_sim_documents_status_idx" ON "knox_sim_documents" USING btree ("status");--> statement-breakpoint
CREATE UNIQUE INDEX "knox_sim_lines_doc_seq_ep_key" ON "knox_sim_lines" USING btree ("ap_inf_id","seq","ep_id");--> statement-breakpoint
CREATE INDEX "knox_sim_lines_ep_idx" ON "knox_sim_lines" USING btree ("ep_id");--> statement-breakpoint
CREATE INDEX "accounts_user_id_idx" ON "accounts" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "api_tokens_user_id_idx" ON "api_tokens" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id_idx" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "users_email_key" ON "users" USING btree ("email");--> statement-breakpoint
CREATE UNIQUE INDEX "users_ep_id_key" ON "users" USING btree ("ep_id") WHERE "users"."ep_id" is not null;--> statement-breakpoint
CREATE INDEX "pq_investigations_submission_idx" ON "pq_investigations" USING btree ("pq_submission_id");--> statement-breakpoint
CREATE INDEX "pq_submissions_vendor_idx" ON "pq_submissions" USING btree ("vendor_id");--> statement-breakpoint
CREATE INDEX "vendors_status_idx" ON "vendors" USING btree ("status");--> statement-breakpoint
CREATE INDEX "vendors_name_idx" ON "vendors" USING btree ("name");