-- A breach (超期) happens at the deadline, whenever the timers find it: a check that runs late (after
-- an outage of supervision, say) records when it detected the breach apart, and the breach counts in
-- the period of its deadline. Breaches recorded before kept the moment they were detected; the
-- deadline they passed is what remains of them.
ALTER TABLE case_deadline ADD COLUMN breach_detected_at TIMESTAMPTZ;

UPDATE case_deadline
   SET breach_detected_at = breached_at,
       breached_at = LEAST(breached_at, resolve_due_at)
 WHERE breached_at IS NOT NULL AND resolve_due_at IS NOT NULL;
