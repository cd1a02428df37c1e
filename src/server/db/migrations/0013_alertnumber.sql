ALTER TABLE "alerts" ADD COLUMN "number" serial NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "alerts_number_idx" ON "alerts" USING btree ("number");