CREATE TABLE "case_tags" (
	"case_id" uuid NOT NULL,
	"tag" text NOT NULL,
	"added_by" uuid,
	"added_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "case_tags_case_id_tag_pk" PRIMARY KEY("case_id","tag")
);
--> statement-breakpoint
CREATE TABLE "act_arrests" (
	"act_id" uuid PRIMARY KEY NOT NULL,
	"arrest_id" uuid
);
--> statement-breakpoint
CREATE TABLE "act_evictions" (
	"act_id" uuid PRIMARY KEY NOT NULL,
	"households" integer,
	"property_lost_enc" text
);
--> statement-breakpoint
CREATE TABLE "act_killings" (
	"act_id" uuid PRIMARY KEY NOT NULL,
	"autopsy_performed" boolean DEFAULT false NOT NULL,
	"autopsy_at" timestamp with time zone,
	"pathologist_enc" text,
	"autopsy_findings_enc" text,
	"cause_of_death" text,
	"death_certificate_no" text
);
--> statement-breakpoint
CREATE TABLE "act_sexual_violence" (
	"act_id" uuid PRIMARY KEY NOT NULL,
	"p3_form_ref" text,
	"prc_form_ref" text,
	"examined_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "act_tortures" (
	"act_id" uuid PRIMARY KEY NOT NULL,
	"examiner_enc" text,
	"examined_at" timestamp with time zone,
	"findings_enc" text,
	"consistency" text
);
--> statement-breakpoint
CREATE TABLE "acts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"victim_person_id" uuid NOT NULL,
	"act_type" text NOT NULL,
	"started_at" timestamp with time zone,
	"started_precision" text,
	"county" text,
	"place_enc" text,
	"consequences_enc" text,
	"victim_status" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_information" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"event_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"source_person_id" uuid NOT NULL,
	"reliability" text NOT NULL,
	"material_type" text NOT NULL,
	"confidentiality" text NOT NULL,
	"received_at" timestamp with time zone,
	"remarks_enc" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "interventions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"event_id" uuid,
	"intervention_type" text NOT NULL,
	"by_party" text NOT NULL,
	"to_party" text,
	"at" timestamp with time zone NOT NULL,
	"response" text,
	"impact_enc" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "involvements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"act_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"perpetrator_person_id" uuid NOT NULL,
	"degree" text NOT NULL,
	"perpetrator_type" text NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
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
CREATE TABLE "fund_approvals" (
	"request_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "fund_approvals_request_id_user_id_pk" PRIMARY KEY("request_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "fund_payments" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"request_id" uuid NOT NULL,
	"attempt" integer NOT NULL,
	"originator_conversation_id" text NOT NULL,
	"conversation_id" text,
	"status" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"submitted_at" timestamp with time zone,
	"result_at" timestamp with time zone,
	"result_code" text,
	"result_desc" text,
	"transaction_id" text,
	"last_query_at" timestamp with time zone,
	"query_count" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fund_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"amount_cents" integer NOT NULL,
	"purpose" text NOT NULL,
	"method" text NOT NULL,
	"status" text DEFAULT 'requested' NOT NULL,
	"beneficiary_name_enc" text NOT NULL,
	"beneficiary_phone_enc" text,
	"fund_account_id" uuid NOT NULL,
	"required_approvals" integer NOT NULL,
	"notify_beneficiary" boolean DEFAULT false NOT NULL,
	"requested_by" uuid NOT NULL,
	"requested_at" timestamp with time zone NOT NULL,
	"failure_reason" text,
	"paid_at" timestamp with time zone,
	"payment_reference" text,
	"cancel_reason" text,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "fund_requests_amount_positive" CHECK ("fund_requests"."amount_cents" > 0)
);
--> statement-breakpoint
CREATE TABLE "journal_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"kind" text NOT NULL,
	"request_id" uuid,
	"case_id" uuid,
	"reference" text,
	"reverses_entry_id" uuid,
	"reason" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "journal_lines" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"entry_id" uuid NOT NULL,
	"account_id" uuid NOT NULL,
	"amount_cents" bigint NOT NULL,
	CONSTRAINT "journal_lines_nonzero" CHECK ("journal_lines"."amount_cents" <> 0)
);
--> statement-breakpoint
CREATE TABLE "ledger_accounts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"code" text NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"case_id" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "user_invites" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"token_hash" text NOT NULL,
	"email" text NOT NULL,
	"display_name" text NOT NULL,
	"roles" text[] NOT NULL,
	"locale" text DEFAULT 'en' NOT NULL,
	"invited_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"used_at" timestamp with time zone,
	"revoked_at" timestamp with time zone,
	"user_id" uuid,
	CONSTRAINT "user_invites_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "user_phones" (
	"user_id" uuid PRIMARY KEY NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_bidx" text NOT NULL,
	"data_key_id" uuid NOT NULL,
	"verified_at" timestamp with time zone,
	"code_hash" text,
	"code_expires_at" timestamp with time zone,
	"attempts" integer DEFAULT 0 NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "idempotency_keys" (
	"user_id" uuid NOT NULL,
	"key" uuid NOT NULL,
	"method" text NOT NULL,
	"route" text NOT NULL,
	"request_hash" text NOT NULL,
	"status_code" integer,
	"data_key_id" uuid,
	"response_enc" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "idempotency_keys_user_id_key_pk" PRIMARY KEY("user_id","key")
);
--> statement-breakpoint
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
ALTER TABLE "testimonies" ALTER COLUMN "text_enc" DROP NOT NULL;--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "last_sign_in_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "medium" text DEFAULT 'text' NOT NULL;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "evidence_id" uuid;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "consent" text DEFAULT 'internal' NOT NULL;--> statement-breakpoint
ALTER TABLE "testimonies" ADD COLUMN "created_at" timestamp with time zone DEFAULT now() NOT NULL;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "cuts" integer[] DEFAULT '{}'::integer[] NOT NULL;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "text_length" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "text_mac" text;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "updated_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "ussd_sessions" ADD COLUMN "ended_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "case_tags" ADD CONSTRAINT "case_tags_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_tags" ADD CONSTRAINT "case_tags_added_by_users_id_fk" FOREIGN KEY ("added_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_arrests" ADD CONSTRAINT "act_arrests_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_arrests" ADD CONSTRAINT "act_arrests_arrest_id_arrests_id_fk" FOREIGN KEY ("arrest_id") REFERENCES "public"."arrests"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_evictions" ADD CONSTRAINT "act_evictions_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_killings" ADD CONSTRAINT "act_killings_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_sexual_violence" ADD CONSTRAINT "act_sexual_violence_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "act_tortures" ADD CONSTRAINT "act_tortures_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acts" ADD CONSTRAINT "acts_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acts" ADD CONSTRAINT "acts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acts" ADD CONSTRAINT "acts_victim_person_id_persons_id_fk" FOREIGN KEY ("victim_person_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "acts" ADD CONSTRAINT "acts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_information" ADD CONSTRAINT "event_information_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_information" ADD CONSTRAINT "event_information_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_information" ADD CONSTRAINT "event_information_source_person_id_persons_id_fk" FOREIGN KEY ("source_person_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_information" ADD CONSTRAINT "event_information_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "interventions" ADD CONSTRAINT "interventions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_act_id_acts_id_fk" FOREIGN KEY ("act_id") REFERENCES "public"."acts"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_perpetrator_person_id_persons_id_fk" FOREIGN KEY ("perpetrator_person_id") REFERENCES "public"."persons"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "involvements" ADD CONSTRAINT "involvements_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_captures" ADD CONSTRAINT "evidence_captures_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_items" ADD CONSTRAINT "evidence_items_uploaded_by_users_id_fk" FOREIGN KEY ("uploaded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD CONSTRAINT "evidence_uploads_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evidence_uploads" ADD CONSTRAINT "evidence_uploads_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_approvals" ADD CONSTRAINT "fund_approvals_request_id_fund_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."fund_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_approvals" ADD CONSTRAINT "fund_approvals_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_payments" ADD CONSTRAINT "fund_payments_request_id_fund_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."fund_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_requests" ADD CONSTRAINT "fund_requests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_requests" ADD CONSTRAINT "fund_requests_fund_account_id_ledger_accounts_id_fk" FOREIGN KEY ("fund_account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fund_requests" ADD CONSTRAINT "fund_requests_requested_by_users_id_fk" FOREIGN KEY ("requested_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_entry_id_journal_entries_id_fk" FOREIGN KEY ("entry_id") REFERENCES "public"."journal_entries"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "journal_lines" ADD CONSTRAINT "journal_lines_account_id_ledger_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."ledger_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_invites" ADD CONSTRAINT "user_invites_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_invites" ADD CONSTRAINT "user_invites_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "user_phones" ADD CONSTRAINT "user_phones_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "idempotency_keys" ADD CONSTRAINT "idempotency_keys_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rule_sets" ADD CONSTRAINT "rule_sets_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "case_tags_tag_idx" ON "case_tags" USING btree ("tag");--> statement-breakpoint
CREATE INDEX "acts_case_idx" ON "acts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "acts_event_idx" ON "acts" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_information_case_idx" ON "event_information" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "interventions_case_idx" ON "interventions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "involvements_act_idx" ON "involvements" USING btree ("act_id");--> statement-breakpoint
CREATE INDEX "involvements_case_idx" ON "involvements" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "evidence_custody_item_idx" ON "evidence_custody" USING btree ("evidence_id","seq");--> statement-breakpoint
CREATE INDEX "evidence_items_case_idx" ON "evidence_items" USING btree ("case_id","uploaded_at");--> statement-breakpoint
CREATE INDEX "evidence_uploads_case_idx" ON "evidence_uploads" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_payments_ocid_uq" ON "fund_payments" USING btree ("originator_conversation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "fund_payments_attempt_uq" ON "fund_payments" USING btree ("request_id","attempt");--> statement-breakpoint
CREATE INDEX "fund_payments_status_idx" ON "fund_payments" USING btree ("status");--> statement-breakpoint
CREATE INDEX "fund_requests_case_idx" ON "fund_requests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "fund_requests_status_idx" ON "fund_requests" USING btree ("status");--> statement-breakpoint
CREATE INDEX "journal_entries_at_idx" ON "journal_entries" USING btree ("at");--> statement-breakpoint
CREATE INDEX "journal_entries_case_idx" ON "journal_entries" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_disbursement_uq" ON "journal_entries" USING btree ("request_id") WHERE "journal_entries"."kind" = 'disbursement';--> statement-breakpoint
CREATE UNIQUE INDEX "journal_entries_reverses_uq" ON "journal_entries" USING btree ("reverses_entry_id");--> statement-breakpoint
CREATE INDEX "journal_lines_entry_idx" ON "journal_lines" USING btree ("entry_id");--> statement-breakpoint
CREATE INDEX "journal_lines_account_idx" ON "journal_lines" USING btree ("account_id");--> statement-breakpoint
CREATE UNIQUE INDEX "ledger_accounts_code_uq" ON "ledger_accounts" USING btree ("code");--> statement-breakpoint
CREATE INDEX "user_invites_email_idx" ON "user_invites" USING btree ("email");--> statement-breakpoint
CREATE INDEX "user_phones_bidx_idx" ON "user_phones" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "idempotency_keys_created_idx" ON "idempotency_keys" USING btree ("created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "rule_sets_kind_version_idx" ON "rule_sets" USING btree ("kind","version");--> statement-breakpoint
CREATE INDEX "rule_sets_kind_idx" ON "rule_sets" USING btree ("kind");
--> statement-breakpoint
-- hand-written: funds
-- The ledger balances: at commit, every entry touched in the transaction has at least two lines and they
-- sum to zero (a deferred constraint trigger, so the lines of one entry may be inserted one by one).
CREATE FUNCTION journal_entry_balanced() RETURNS trigger AS $$
DECLARE
  eid uuid;
  total numeric;
  n integer;
BEGIN
  IF TG_TABLE_NAME = 'journal_entries' THEN eid := NEW.id; ELSE eid := NEW.entry_id; END IF;
  SELECT coalesce(sum(amount_cents), 0), count(*) INTO total, n FROM journal_lines WHERE entry_id = eid;
  IF n < 2 OR total <> 0 THEN
    RAISE EXCEPTION 'journal entry % does not balance (% lines, sum %)', eid, n, total
      USING ERRCODE = 'check_violation';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_lines_balanced AFTER INSERT ON journal_lines
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();
--> statement-breakpoint
CREATE CONSTRAINT TRIGGER journal_entries_balanced AFTER INSERT ON journal_entries
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION journal_entry_balanced();
--> statement-breakpoint
-- The books are append-only: a mistake is corrected by a reversal entry, never by an edit.
CREATE FUNCTION ledger_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the ledger is append-only (%): post a reversal instead', TG_TABLE_NAME
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER journal_entries_append_only BEFORE UPDATE OR DELETE ON journal_entries
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_entries_no_truncate BEFORE TRUNCATE ON journal_entries
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_lines_append_only BEFORE UPDATE OR DELETE ON journal_lines
  FOR EACH ROW EXECUTE FUNCTION ledger_append_only();
--> statement-breakpoint
CREATE TRIGGER journal_lines_no_truncate BEFORE TRUNCATE ON journal_lines
  FOR EACH STATEMENT EXECUTE FUNCTION ledger_append_only();

--> statement-breakpoint
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

--> statement-breakpoint
-- hand-written: triage
-- Rows written before this migration were made by a session's final write: those sessions ended.
UPDATE "ussd_sessions" SET "ended_at" = "created_at" WHERE "ended_at" IS NULL;

--> statement-breakpoint
-- hand-written: rules
-- Rule versions are history: a change is a new row, never an edit or a deletion.
CREATE OR REPLACE FUNCTION rule_sets_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'rule_sets is append-only';
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER rule_sets_no_update BEFORE UPDATE OR DELETE ON rule_sets
  FOR EACH ROW EXECUTE FUNCTION rule_sets_append_only();
