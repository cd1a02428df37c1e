ALTER TABLE "alerts" ADD COLUMN "group_id" uuid;--> statement-breakpoint
CREATE INDEX "alerts_group_id_idx" ON "alerts" USING btree ("group_id");