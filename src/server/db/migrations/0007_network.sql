CREATE TABLE "dispatch_offers" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"dispatch_id" uuid NOT NULL,
	"responder_id" uuid NOT NULL,
	"rank" integer NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"offered_at" timestamp with time zone NOT NULL,
	"answered_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "dispatches" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"number" serial NOT NULL,
	"case_id" uuid NOT NULL,
	"mission_type" text NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"needed" integer DEFAULT 1 NOT NULL,
	"batch_size" integer DEFAULT 3 NOT NULL,
	"check_in_minutes" integer NOT NULL,
	"reply_minutes" integer NOT NULL,
	"area" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"level" integer DEFAULT 3 NOT NULL,
	"fence" integer DEFAULT 1 NOT NULL,
	"reply_due_at" timestamp with time zone NOT NULL,
	"created_by" uuid,
	"created_at" timestamp with time zone NOT NULL,
	"filled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "missions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"case_id" uuid NOT NULL,
	"dispatch_id" uuid,
	"number" integer NOT NULL,
	"responder_id" uuid NOT NULL,
	"type" text NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"check_in_minutes" integer NOT NULL,
	"started_at" timestamp with time zone NOT NULL,
	"last_check_in_at" timestamp with time zone,
	"next_check_in_due" timestamp with time zone,
	"ended_at" timestamp with time zone,
	"exposures" text[] DEFAULT '{}'::text[] NOT NULL
);
--> statement-breakpoint
CREATE TABLE "responders" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"user_id" uuid,
	"data_key_id" uuid NOT NULL,
	"name_enc" text NOT NULL,
	"phone_enc" text NOT NULL,
	"phone_bidx" text NOT NULL,
	"locale" text DEFAULT 'sw' NOT NULL,
	"areas" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"skills" text[] DEFAULT '{}'::text[] NOT NULL,
	"languages" text[] DEFAULT '{}'::text[] NOT NULL,
	"available" boolean DEFAULT true NOT NULL,
	"available_from" text,
	"available_to" text,
	"home_centre" text,
	"caseload_limit" integer DEFAULT 2 NOT NULL,
	"emergency_contacts_enc" text,
	"last_location_enc" text,
	"last_location_at" timestamp with time zone,
	"cancel_pin_hash" text,
	"duress_pin_hash" text,
	"active" boolean DEFAULT true NOT NULL,
	"wellbeing_prompted_at" timestamp with time zone,
	"created_at" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sos_alarms" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"responder_id" uuid,
	"user_id" uuid,
	"case_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"channel" text NOT NULL,
	"trigger_count" integer DEFAULT 1 NOT NULL,
	"wrong_pins" integer DEFAULT 0 NOT NULL,
	"raised_at" timestamp with time zone NOT NULL,
	"ended_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "wellbeing_checks" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"responder_id" uuid NOT NULL,
	"mission_id" uuid,
	"score" integer NOT NULL,
	"note_enc" text,
	"source" text NOT NULL,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "dispatch_offers" ADD CONSTRAINT "dispatch_offers_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatch_offers" ADD CONSTRAINT "dispatch_offers_responder_id_responders_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."responders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispatches" ADD CONSTRAINT "dispatches_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_dispatch_id_dispatches_id_fk" FOREIGN KEY ("dispatch_id") REFERENCES "public"."dispatches"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "missions" ADD CONSTRAINT "missions_responder_id_responders_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."responders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "responders" ADD CONSTRAINT "responders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sos_alarms" ADD CONSTRAINT "sos_alarms_responder_id_responders_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."responders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sos_alarms" ADD CONSTRAINT "sos_alarms_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sos_alarms" ADD CONSTRAINT "sos_alarms_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wellbeing_checks" ADD CONSTRAINT "wellbeing_checks_responder_id_responders_id_fk" FOREIGN KEY ("responder_id") REFERENCES "public"."responders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "wellbeing_checks" ADD CONSTRAINT "wellbeing_checks_mission_id_missions_id_fk" FOREIGN KEY ("mission_id") REFERENCES "public"."missions"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "dispatch_offers_once" ON "dispatch_offers" USING btree ("dispatch_id","responder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "dispatches_number_idx" ON "dispatches" USING btree ("number");--> statement-breakpoint
CREATE INDEX "dispatches_case_idx" ON "dispatches" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "missions_responder_idx" ON "missions" USING btree ("responder_id","status");--> statement-breakpoint
CREATE INDEX "missions_case_idx" ON "missions" USING btree ("case_id");--> statement-breakpoint
CREATE UNIQUE INDEX "missions_number_responder" ON "missions" USING btree ("number","responder_id");--> statement-breakpoint
CREATE UNIQUE INDEX "responders_phone_bidx" ON "responders" USING btree ("phone_bidx");--> statement-breakpoint
CREATE UNIQUE INDEX "responders_user_idx" ON "responders" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sos_alarms_responder_idx" ON "sos_alarms" USING btree ("responder_id","status");--> statement-breakpoint
CREATE INDEX "sos_alarms_user_idx" ON "sos_alarms" USING btree ("user_id","status");--> statement-breakpoint
CREATE INDEX "wellbeing_responder_idx" ON "wellbeing_checks" USING btree ("responder_id","at");