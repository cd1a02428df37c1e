-- The queue orders open cases by effective priority (an unassessed report of someone in danger now
-- counts as P1) and then by time; a partial index on exactly that expression keeps it fast at 1M cases.
CREATE INDEX IF NOT EXISTS cases_queue_open_idx ON cases (
  (coalesce(priority, CASE WHEN in_danger_now THEN 'P1' ELSE 'P3' END)), received_at DESC
) WHERE status IN ('received', 'screening', 'assessed', 'awaiting_decision', 'active', 'follow_up');
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS cases_queue_status_idx ON cases (
  status, (coalesce(priority, CASE WHEN in_danger_now THEN 'P1' ELSE 'P3' END)), received_at DESC
);
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS case_clocks_open_idx ON case_clocks (case_id, due_at) WHERE met_at IS NULL AND fired_at IS NULL;
