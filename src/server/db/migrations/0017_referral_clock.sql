ALTER TABLE "referrals" ADD COLUMN "response_due_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "satisfied" boolean;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "satisfaction_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "referrals" ADD COLUMN "satisfaction_by" uuid;--> statement-breakpoint
ALTER TABLE "referrals" ADD CONSTRAINT "referrals_satisfaction_by_users_id_fk" FOREIGN KEY ("satisfaction_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;