-- Nothing commits an `executing` row any more (the claim lives inside the execution transaction),
-- and nothing takes over an old expired claim. A row an older version left `executing` goes back to
-- `pending`, with its event: the poller asks Knox again and executes it once (its document is approved).
WITH released AS (
	UPDATE "pending_actions" SET "status" = 'pending', "claim_expires_at" = NULL, "updated_at" = now()
	 WHERE "status" = 'executing'
	RETURNING "id", "ap_inf_id"
)
INSERT INTO "approval_events" ("ap_inf_id", "pending_action_id", "actor", "event_type", "from_status", "to_status", "detail")
SELECT "ap_inf_id", "id", 'system:migration', 'claim_released', 'executing', 'pending', '{"reason":"the claim index was dropped"}'::jsonb
  FROM released;--> statement-breakpoint
DROP INDEX "pending_actions_claim_idx";
