CREATE TABLE "event_cases" (
	"event_id" uuid NOT NULL,
	"case_id" uuid NOT NULL,
	"attached_by" uuid,
	"attached_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "event_cases_event_id_case_id_pk" PRIMARY KEY("event_id","case_id")
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"reference" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"data_key_id" uuid NOT NULL,
	"description_enc" text,
	"place_enc" text,
	"county" text,
	"sub_county" text,
	"ward" text,
	"violation_types" text[] DEFAULT '{}'::text[] NOT NULL,
	"started_at" timestamp with time zone,
	"started_precision" text,
	"ended_at" timestamp with time zone,
	"ended_precision" text,
	"created_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_reference_unique" UNIQUE("reference")
);
--> statement-breakpoint
ALTER TABLE "event_cases" ADD CONSTRAINT "event_cases_event_id_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_cases" ADD CONSTRAINT "event_cases_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "event_cases" ADD CONSTRAINT "event_cases_attached_by_users_id_fk" FOREIGN KEY ("attached_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "event_cases_case_idx" ON "event_cases" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "events_status_started_idx" ON "events" USING btree ("status","started_at");