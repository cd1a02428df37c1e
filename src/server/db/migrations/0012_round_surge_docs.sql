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
CREATE INDEX "case_tags_tag_idx" ON "case_tags" USING btree ("tag");--> statement-breakpoint
CREATE INDEX "acts_case_idx" ON "acts" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "acts_event_idx" ON "acts" USING btree ("event_id");--> statement-breakpoint
CREATE INDEX "event_information_case_idx" ON "event_information" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "interventions_case_idx" ON "interventions" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "involvements_act_idx" ON "involvements" USING btree ("act_id");--> statement-breakpoint
CREATE INDEX "involvements_case_idx" ON "involvements" USING btree ("case_id");