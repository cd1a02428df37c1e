CREATE TABLE "kek_generations" (
	"id" text PRIMARY KEY NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
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
ALTER TABLE "data_keys" ADD CONSTRAINT "data_keys_kek_id_kek_generations_id_fk" FOREIGN KEY ("kek_id") REFERENCES "public"."kek_generations"("id") ON DELETE no action ON UPDATE no action;