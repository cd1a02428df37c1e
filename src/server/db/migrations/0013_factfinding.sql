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
CREATE INDEX "fact_finding_links_mission_idx" ON "fact_finding_links" USING btree ("mission_id");