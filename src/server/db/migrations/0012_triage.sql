ALTER TABLE "ussd_sessions" ADD COLUMN "cuts" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "text_length" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "text_mac" text;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
-- hand-written: triage
-- Rows written before this migration were made by a session's final write: those sessions ended.
UPDATE "ussd_sessions" SET "ended_at" = "created_at" WHERE "ended_at" IS NULL;
