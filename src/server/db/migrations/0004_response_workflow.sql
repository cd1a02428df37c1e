CREATE TABLE "after_action_reviews" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"what_worked_enc" text NOT NULL,
	"challenges_enc" text NOT NULL,
	"lessons_enc" text NOT NULL,
	"reviewed_by" uuid,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "arrests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"person_id" uuid,
	"arrested_at" timestamp with time zone NOT NULL,
	"police_station" text NOT NULL,
	"ob_number" text,
	"produced_in_court_at" timestamp with time zone,
	"released_at" timestamp with time zone,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_actions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"role" text NOT NULL,
	"type" text NOT NULL,
	"owner_user_id" uuid,
	"deadline" timestamp with time zone,
	"status" text DEFAULT 'open' NOT NULL,
	"outcome" text,
	"details" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"notes_enc" text,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_clocks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"subject_id" uuid,
	"due_at" timestamp with time zone NOT NULL,
	"met_at" timestamp with time zone,
	"fired_at" timestamp with time zone,
	"breached" boolean DEFAULT false NOT NULL,
	"fence" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "case_impacts" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"scope" text NOT NULL,
	"code" text NOT NULL,
	"note_enc" text,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
CREATE TABLE "institutional_responses" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"agency" text NOT NULL,
	"station" text,
	"officer_enc" text,
	"request" text NOT NULL,
	"response" text NOT NULL,
	"ob_number" text,
	"at" timestamp with time zone NOT NULL,
	"notes_enc" text,
	"created_by" uuid
);
--> statement-breakpoint
CREATE TABLE "org_settings" (
	"key" text PRIMARY KEY NOT NULL,
	"value" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_by" uuid
);
--> statement-breakpoint
CREATE TABLE "victim_feedback" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"channel" text NOT NULL,
	"satisfaction" integer NOT NULL,
	"confidentiality_respected" boolean,
	"decided_next_steps" boolean,
	"unmet_needs_enc" text,
	"at" timestamp with time zone NOT NULL,
	"recorded_by" uuid
);
--> statement-breakpoint
ALTER TABLE "after_action_reviews" ADD CONSTRAINT "after_action_reviews_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrests" ADD CONSTRAINT "arrests_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "arrests" ADD CONSTRAINT "arrests_person_id_persons_id_fk" FOREIGN KEY ("person_id") REFERENCES "public"."persons"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_actions" ADD CONSTRAINT "case_actions_owner_user_id_users_id_fk" FOREIGN KEY ("owner_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_clocks" ADD CONSTRAINT "case_clocks_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "case_impacts" ADD CONSTRAINT "case_impacts_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "institutional_responses" ADD CONSTRAINT "institutional_responses_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "victim_feedback" ADD CONSTRAINT "victim_feedback_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "arrests_case_idx" ON "arrests" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_actions_case_idx" ON "case_actions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_actions_owner_idx" ON "case_actions" USING btree ("owner_user_id","status");--> statement-breakpoint
CREATE INDEX "case_clocks_case_idx" ON "case_clocks" USING btree ("case_id","kind");--> statement-breakpoint
CREATE INDEX "case_clocks_due_idx" ON "case_clocks" USING btree ("due_at");--> statement-breakpoint
CREATE INDEX "institutional_responses_case_idx" ON "institutional_responses" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "institutional_responses_agency_idx" ON "institutional_responses" USING btree ("agency");