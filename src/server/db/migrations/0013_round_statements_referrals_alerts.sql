CREATE TABLE "statement_hits" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"statement_id" uuid NOT NULL,
	"field" text NOT NULL,
	"offset" integer NOT NULL,
	"length" integer NOT NULL,
	"kind" text NOT NULL,
	"value_bidx" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"reason_enc" text,
	"decided_by" uuid,
	"decided_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "statements" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"slug" text NOT NULL,
	"case_id" uuid,
	"event_id" uuid,
	"status" text DEFAULT 'draft' NOT NULL,
	"title_en" text NOT NULL,
	"title_sw" text NOT NULL,
	"body_en" text NOT NULL,
	"body_sw" text NOT NULL,
	"data_key_id" uuid NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"checked_version" integer,
	"author_id" uuid NOT NULL,
	"approved_by" uuid,
	"approved_at" timestamp with time zone,
	"published_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "statements_slug_unique" UNIQUE("slug")
);
--> statement-breakpoint
CREATE TABLE "fact_finding_links" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"mission_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"case_id" uuid NOT NULL,
	"testimony_id" uuid,
	"evidence_id" uuid,
	"linked_by" uuid,
	"linked_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_finding_missions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"title" text NOT NULL,
	"purpose" text NOT NULL,
	"county" text NOT NULL,
	"ward" text,
	"starts_on" date NOT NULL,
	"ends_on" date NOT NULL,
	"event_id" uuid,
	"status" text DEFAULT 'planned' NOT NULL,
	"data_key_id" uuid NOT NULL,
	"findings_enc" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "fact_finding_team" (
	"mission_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "fact_finding_team_mission_id_user_id_pk" PRIMARY KEY("mission_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "referral_provider_members" (
	"provider_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	CONSTRAINT "referral_provider_members_provider_id_user_id_pk" PRIMARY KEY("provider_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "referral_providers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"name" text NOT NULL,
	"type" text NOT NULL,
	"services" text[] NOT NULL,
	"counties" text[] NOT NULL,
	"languages" text[] NOT NULL,
	"capacity" integer,
	"hours" text,
	"contacts_enc" text,
	"phone_bidx" text,
	"data_key_id" uuid NOT NULL,
	"verified_by" uuid,
	"verified_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "referrals" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"case_id" uuid NOT NULL,
	"provider_id" uuid NOT NULL,
	"need" text NOT NULL,
	"status" text DEFAULT 'sent' NOT NULL,
	"fields_enc" text,
	"data_key_id" uuid NOT NULL,
	"consent_purpose" text NOT NULL,
	"consent_fields" text[] NOT NULL,
	"consent_method" text NOT NULL,
	"consent_recorded_by" uuid NOT NULL,
	"consent_recorded_at" timestamp with time zone NOT NULL,
	"decline_reason" text,
	"outcome" text,
	"created_at" timestamp with time zone NOT NULL,
	"responded_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"withdrawn_at" timestamp with time zone,
	"withdrawn_by" uuid,
	CONSTRAINT "referrals_number_unique" UNIQUE("number")
);
--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "number" serial NOT NULL;--> statement-breakpoint
ALTER TABLE "alerts" ADD COLUMN "group_id" uuid;--> statement-breakpoint
ALTER TABLE "statement_hits" ADD CONSTRAINT "statement_hits_statement_id_statements_id_fk" FOREIGN KEY ("statement_id") REFERENCES "public"."statements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statement_hits" ADD CONSTRAINT "statement_hits_decided_by_users_id_fk" FOREIGN KEY ("decided_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "statements" ADD CONSTRAINT "statements_approved_by_users_id_fk" FOREIGN KEY ("approved_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_links" ADD CONSTRAINT "fact_finding_links_mission_id_fact_finding_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."fact_finding_missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_links" ADD CONSTRAINT "fact_finding_links_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_links" ADD CONSTRAINT "fact_finding_links_testimony_id_testimonies_id_fk" FOREIGN KEY ("testimony_id") REFERENCES "public"."testimonies"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_links" ADD CONSTRAINT "fact_finding_links_evidence_id_evidence_items_id_fk" FOREIGN KEY ("evidence_id") REFERENCES "public"."evidence_items"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_links" ADD CONSTRAINT "fact_finding_links_linked_by_users_id_fk" FOREIGN KEY ("linked_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_missions" ADD CONSTRAINT "fact_finding_missions_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_missions" ADD CONSTRAINT "fact_finding_missions_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_missions" ADD CONSTRAINT "fact_finding_missions_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_team" ADD CONSTRAINT "fact_finding_team_mission_id_fact_finding_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."fact_finding_missions"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "fact_finding_team" ADD CONSTRAINT "fact_finding_team_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_provider_members" ADD CONSTRAINT "referral_provider_members_provider_id_referral_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."referral_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_provider_members" ADD CONSTRAINT "referral_provider_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_providers" ADD CONSTRAINT "referral_providers_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_providers" ADD CONSTRAINT "referral_providers_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_provider_id_referral_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."referral_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_recorded_by_users_id_fk" FOREIGN KEY ("consent_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "statement_hits_statement_idx" ON "statement_hits" USING btree ("statement_id");--> statement-breakpoint
CREATE INDEX "statements_status_idx" ON "statements" USING btree ("status","published_at");--> statement-breakpoint
CREATE INDEX "fact_finding_links_mission_idx" ON "fact_finding_links" USING btree ("mission_id");--> statement-breakpoint
CREATE INDEX "referral_members_user_idx" ON "referral_provider_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "referral_providers_phone_idx" ON "referral_providers" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "referrals_provider_idx" ON "referrals" USING btree ("provider_id");--> statement-breakpoint
CREATE INDEX "alerts_group_id_idx" ON "alerts" USING btree ("group_id");--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_number_idx" ON "alerts" USING btree ("number");