CREATE TABLE "evidence_captures" (
	"evidence_id" uuid PRIMARY KEY NOT NULL,
	"captured_at" timestamp with time zone,
	"sha256_at_capture" text,
	"hash_matches" boolean,
	"details_enc" text,
	"recorded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_custody" (
	"seq" bigserial PRIMARY KEY NOT NULL,
	"id" uuid NOT NULL,
	"evidence_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"action" text NOT NULL,
	"actor_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"reason_enc" text,
	"sha256" text,
	"outcome" text NOT NULL,
	"copy" text DEFAULT 'original' NOT NULL,
	CONSTRAINT "evidence_custody_id_unique" UNIQUE("id")
);
--> statement-breakpoint
CREATE TABLE "evidence_items" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"blob_id" uuid NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"media_type" text NOT NULL,
	"kind" text NOT NULL,
	"file_name_enc" text NOT NULL,
	"view_blob_id" uuid,
	"view_size" bigint,
	"view_sha256" text,
	"view_media_type" text,
	"uploaded_by" uuid NOT NULL,
	"uploaded_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evidence_uploads" (
	"id" uuid PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"created_by" uuid NOT NULL,
	"file_name_enc" text NOT NULL,
	"capture_enc" text,
	"size" bigint NOT NULL,
	"received" bigint DEFAULT 0 NOT NULL,
	"media_type" text,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "testimonies" ALTER COLUMN "text_enc" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "medium" text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "evidence_id" uuid;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "consent" text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "evidence_captures" ADD CONSTRAINT "evidence_captures_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD CONSTRAINT "evidence_uploads_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD CONSTRAINT "evidence_uploads_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "evidence_custody_item_idx" ON "evidence_custody" USING btree ("evidence_id","seq");--> statement-breakpoint
CREATE INDEX "evidence_items_case_idx" ON "evidence_items" USING btree ("case_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "evidence_uploads_case_idx" ON "evidence_uploads" USING btree ("case_id");--> statement-breakpoint
-- hand-written: evidence
-- The chain of custody is append-only like the audit log; evidence items and their capture records never
-- change once written (the original is sealed; the viewing copy is made before the row).
CREATE OR REPLACE FUNCTION evidence_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% is append-only (% refused)', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER evidence_custody_no_update BEFORE UPDATE OR DELETE ON evidence_custody
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_custody_no_truncate BEFORE TRUNCATE ON evidence_custody
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_items_no_update BEFORE UPDATE OR DELETE ON evidence_items
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_items_no_truncate BEFORE TRUNCATE ON evidence_items
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_captures_no_update BEFORE UPDATE OR DELETE ON evidence_captures
  FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
CREATE TRIGGER evidence_captures_no_truncate BEFORE TRUNCATE ON evidence_captures
  FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
--> statement-breakpoint
-- A recorded testimony points at an evidence item of the vault (declared here: the schema files would
-- otherwise import each other).
ALTER TABLE "testimonies" ADD CONSTRAINT "testimonies_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;
