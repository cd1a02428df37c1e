CREATE TABLE "rule_sets" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"changed_by" uuid,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_kind_version_idx" ON "rule_sets" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "rule_sets_kind_idx" ON "rule_sets" USING btree ("kind");--> statement-breakpoint
-- hand-written: rules
-- Rule versions are history: a change is a new row, never an edit or a deletion.
CREATE OR REPLACE FUNCTION rule_sets_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'rule_sets is append-only';
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER rule_sets_no_update BEFORE UPDATE OR DELETE ON rule_sets
  FOR EACH ROW EXECUTE FUNCTION rule_sets_append_only();
