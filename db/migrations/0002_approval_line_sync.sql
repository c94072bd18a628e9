ALTER TABLE "approval_logs" ADD COLUMN "line_synced_at" timestamp with time zone;--> statement-breakpoint
-- Documents decided before this column existed had their line read with the decision.
UPDATE "approval_logs" SET "line_synced_at" = greatest("last_synced_at", "decided_at") WHERE "decided_at" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "approval_logs_line_unsynced_idx" ON "approval_logs" USING btree ("decided_at") WHERE "approval_logs"."decided_at" is not null and ("approval_logs"."line_synced_at" is null or "approval_logs"."line_synced_at" < "approval_logs"."decided_at");