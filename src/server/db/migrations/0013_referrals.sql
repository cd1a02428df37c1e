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
ALTER TABLE "referral_provider_members" ADD CONSTRAINT "referral_provider_members_provider_id_referral_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."referral_providers"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_provider_members" ADD CONSTRAINT "referral_provider_members_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_providers" ADD CONSTRAINT "referral_providers_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referral_providers" ADD CONSTRAINT "referral_providers_verified_by_users_id_fk" FOREIGN KEY ("verified_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_case_id_cases_id_fk" FOREIGN KEY ("case_id") REFERENCES "public"."cases"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_provider_id_referral_providers_id_fk" FOREIGN KEY ("provider_id") REFERENCES "public"."referral_providers"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_data_key_id_data_keys_id_fk" FOREIGN KEY ("data_key_id") REFERENCES "public"."data_keys"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_consent_recorded_by_users_id_fk" FOREIGN KEY ("consent_recorded_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_withdrawn_by_users_id_fk" FOREIGN KEY ("withdrawn_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "referral_members_user_idx" ON "referral_provider_members" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "referral_providers_phone_idx" ON "referral_providers" USING btree ("phone_bidx");--> statement-breakpoint
CREATE INDEX "referrals_case_idx" ON "referrals" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "referrals_provider_idx" ON "referrals" USING btree ("provider_id");