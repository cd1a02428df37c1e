CREATE TABLE "dashboard_month_figures" (
	"month" text PRIMARY KEY NOT NULL,
	"figures" jsonb NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
-- hand-written: dashboards
-- The dashboards' period scans read only the index: the period index on cases carries every column the
-- case aggregates, their filters (county, violation type) and joins (id) need, and the clocks' creation
-- index what the breach and running-clock figures count. Same names and key columns as before (the
-- schema declares them; drizzle-kit has no INCLUDE), so later generated migrations leave them alone.
DROP INDEX IF EXISTS "cases_received_idx";--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_at")
  INCLUDE ("id", "county", "priority", "status", "violation_types", "acknowledged_at", "decided_at", "first_action_at");--> statement-breakpoint
DROP INDEX IF EXISTS "case_clocks_created_idx";--> statement-breakpoint
CREATE INDEX "case_clocks_created_idx" ON "case_clocks" USING btree ("created_at")
  INCLUDE ("case_id", "kind", "breached", "met_at", "due_at");--> statement-breakpoint
-- A month's pre-aggregate is deleted as soon as one of its cases changes what it counts. The shared
-- advisory lock (per month) orders this against the rollup job, which takes it exclusively before it
-- computes a month: a change either commits before the job reads, or waits for the job and then deletes
-- the month it wrote. The month expression is the live queries' (timings.repo.ts).
CREATE FUNCTION dashboard_month_drop(received timestamptz) RETURNS void AS $$
DECLARE
  m text := to_char(date_trunc('month', received + interval '3 hours'), 'YYYY-MM');
BEGIN
  PERFORM pg_advisory_xact_lock_shared(hashtext('dashboard_rollup:' || m));
  DELETE FROM dashboard_month_figures WHERE month = m;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE FUNCTION dashboard_rollup_case_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN PERFORM dashboard_month_drop(OLD.received_at); END IF;
  IF TG_OP <> 'DELETE' THEN PERFORM dashboard_month_drop(NEW.received_at); END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER cases_dashboard_rollup
  AFTER INSERT OR DELETE OR UPDATE OF received_at, county, priority, acknowledged_at, decided_at, first_action_at
  ON cases FOR EACH ROW EXECUTE FUNCTION dashboard_rollup_case_changed();--> statement-breakpoint
-- The tables the summary counts per case: a row added, changed or removed changes its case's month.
CREATE FUNCTION dashboard_rollup_row_changed() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'INSERT' THEN
    PERFORM dashboard_month_drop(received_at) FROM cases WHERE id = OLD.case_id;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    PERFORM dashboard_month_drop(received_at) FROM cases WHERE id = NEW.case_id;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER case_clocks_dashboard_rollup AFTER INSERT OR DELETE OR UPDATE OF case_id, kind, breached, created_at
  ON case_clocks FOR EACH ROW EXECUTE FUNCTION dashboard_rollup_row_changed();--> statement-breakpoint
CREATE TRIGGER institutional_responses_dashboard_rollup AFTER INSERT OR DELETE OR UPDATE
  ON institutional_responses FOR EACH ROW EXECUTE FUNCTION dashboard_rollup_row_changed();--> statement-breakpoint
CREATE TRIGGER case_impacts_dashboard_rollup AFTER INSERT OR DELETE OR UPDATE
  ON case_impacts FOR EACH ROW EXECUTE FUNCTION dashboard_rollup_row_changed();--> statement-breakpoint
CREATE TRIGGER victim_feedback_dashboard_rollup AFTER INSERT OR DELETE OR UPDATE
  ON victim_feedback FOR EACH ROW EXECUTE FUNCTION dashboard_rollup_row_changed();--> statement-breakpoint
CREATE TRIGGER referrals_dashboard_rollup AFTER INSERT OR DELETE OR UPDATE OF case_id, need, status, created_at, responded_at
  ON referrals FOR EACH ROW EXECUTE FUNCTION dashboard_rollup_row_changed();
