ALTER TABLE "approval_events" ADD COLUMN "dedupe_key" text;--> statement-breakpoint
ALTER TABLE "approval_logs" ADD COLUMN "line_doc_chg_num" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_actions" ADD COLUMN "replaces_ap_inf_id" text;--> statement-breakpoint
CREATE UNIQUE INDEX "approval_events_dedupe_key" ON "approval_events" USING btree ("ap_inf_id","dedupe_key") WHERE "approval_events"."dedupe_key" is not null;--> statement-breakpoint
CREATE INDEX "approval_logs_line_behind_idx" ON "approval_logs" USING btree ("created_at") WHERE "approval_logs"."status" between -2 and 1 and "approval_logs"."doc_chg_num" > "approval_logs"."line_doc_chg_num";--> statement-breakpoint
CREATE UNIQUE INDEX "pending_actions_replaces_key" ON "pending_actions" USING btree ("replaces_ap_inf_id") WHERE "pending_actions"."replaces_ap_inf_id" is not null;