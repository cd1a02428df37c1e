CREATE TABLE "dashboard_rollup_months" (
	"month" text PRIMARY KEY NOT NULL,
	"computed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dashboard_timing_months" (
	"month" text NOT NULL,
	"priority" text NOT NULL,
	"measure" text NOT NULL,
	"count" integer NOT NULL,
	"median_minutes" double precision NOT NULL,
	"p90_minutes" double precision NOT NULL,
	CONSTRAINT "dashboard_timing_months_month_priority_measure_pk" PRIMARY KEY("month","priority","measure")
);
--> statement-breakpoint
-- hand-written: dashboards
-- The dashboards' period scans read only the index: the period index on cases carries every column the
-- case aggregates, their filters (county, violation type) and joins (id) need, and the clocks' creation
-- index carries what the breach figures count. Same names and key columns as before (the schema declares
-- them; drizzle-kit has no INCLUDE), so later generated migrations leave them alone.
DROP INDEX IF EXISTS "cases_received_idx";--> statement-breakpoint
CREATE INDEX "cases_received_idx" ON "cases" USING btree ("received_at")
  INCLUDE ("id", "county", "priority", "status", "violation_types", "acknowledged_at", "decided_at", "first_action_at");--> statement-breakpoint
DROP INDEX IF EXISTS "case_clocks_created_idx";--> statement-breakpoint
CREATE INDEX "case_clocks_created_idx" ON "case_clocks" USING btree ("created_at")
  INCLUDE ("case_id", "kind", "breached");--> statement-breakpoint
-- A month's pre-aggregate stops being read as soon as one of its cases changes what the timings count.
-- The shared advisory lock (per month) orders this against the rollup job, which takes it exclusively
-- before computing a month: a change committed while the job computes either waits for the job and then
-- deletes its row, or is committed (and seen) before the job reads. The month expression is the live
-- query's (dashboards.repo.ts).
CREATE FUNCTION dashboard_rollup_invalidate() RETURNS trigger AS $$
DECLARE
  m text;
BEGIN
  IF TG_OP <> 'INSERT' THEN
    m := to_char(date_trunc('month', OLD.received_at + interval '3 hours'), 'YYYY-MM');
    PERFORM pg_advisory_xact_lock_shared(hashtext('dashboard_rollup:' || m));
    DELETE FROM dashboard_rollup_months WHERE month = m;
  END IF;
  IF TG_OP <> 'DELETE' THEN
    m := to_char(date_trunc('month', NEW.received_at + interval '3 hours'), 'YYYY-MM');
    PERFORM pg_advisory_xact_lock_shared(hashtext('dashboard_rollup:' || m));
    DELETE FROM dashboard_rollup_months WHERE month = m;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;--> statement-breakpoint
CREATE TRIGGER cases_dashboard_rollup
  AFTER INSERT OR DELETE OR UPDATE OF received_at, priority, acknowledged_at, decided_at, first_action_at
  ON cases FOR EACH ROW EXECUTE FUNCTION dashboard_rollup_invalidate();
