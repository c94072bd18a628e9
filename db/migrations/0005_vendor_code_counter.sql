CREATE TABLE "vendor_code_counter" (
	"id" smallint PRIMARY KEY DEFAULT 1 NOT NULL,
	"last_value" bigint NOT NULL,
	CONSTRAINT "vendor_code_counter_one_row" CHECK ("vendor_code_counter"."id" = 1)
);
--> statement-breakpoint
-- Continue from the sequence: no code it has already issued may be issued again.
INSERT INTO "vendor_code_counter" ("id", "last_value")
SELECT 1, CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM "public"."vendor_code_seq";--> statement-breakpoint
DROP SEQUENCE "public"."vendor_code_seq";