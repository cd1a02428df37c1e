CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_at");--> statement-breakpoint
CREATE INDEX "cases_county_received_idx" ON "cases" USING btree ("county","received_at");--> statement-breakpoint
CREATE INDEX "case_clocks_created_idx" ON "case_clocks" USING btree ("created_at");