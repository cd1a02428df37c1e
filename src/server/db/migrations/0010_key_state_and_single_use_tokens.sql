CREATE TABLE "kek_generations" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"retired_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "form_token_uses" (
	"token_hash" text PRIMARY KEY NOT NULL,
	"case_id" uuid NOT NULL,
	"used_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "consents" ALTER COLUMN "purpose" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "data_keys" ALTER COLUMN "master_key_id" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "consents" ADD COLUMN "purpose_enc" text;--> statement-breakpoint
ALTER TABLE "data_keys" ADD COLUMN "kek_id" text;--> statement-breakpoint
ALTER TABLE "form_token_uses" ADD CONSTRAINT "form_token_uses_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "data_keys" ADD CONSTRAINT "data_keys_kek_id_kek_generations_id_fk" FOREIGN KEY ("kek_id") REFERENCES "public"."kek_generations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Hand-written (ADR 0007): a data key may only be wrapped under a KEK generation that is not retired.
-- The generation's row is held FOR SHARE from the data key's write to its commit, so a shred that
-- retires the generation (UPDATE … SET retired_at) waits for writers already under way, and later ones
-- are refused. An AFTER trigger (checked at the end of the statement, like a foreign key) so that the
-- same statement may register the generation first.
CREATE OR REPLACE FUNCTION data_keys_live_kek() RETURNS trigger AS $$
BEGIN
  IF NEW.kek_id IS NULL THEN
    RETURN NULL;
  END IF;
  PERFORM 1 FROM kek_generations WHERE id = NEW.kek_id AND retired_at IS NULL FOR SHARE;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'key-encryption key % is retired or unknown', NEW.kek_id USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER data_keys_live_kek AFTER INSERT OR UPDATE OF kek_id ON data_keys
  FOR EACH ROW EXECUTE FUNCTION data_keys_live_kek();
