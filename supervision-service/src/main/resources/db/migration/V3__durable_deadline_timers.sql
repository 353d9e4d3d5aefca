-- Durable timers: a warning and an overdue timer per open case, fired from the database so they
-- survive restarts, fire late ones at once after downtime, and fire exactly once (the firing and
-- the event it announces commit together). Several instances share them (SKIP LOCKED).
CREATE TABLE deadline_timer (
    case_id UUID NOT NULL REFERENCES case_deadline (case_id),
    kind    TEXT NOT NULL CHECK (kind IN ('WARNING', 'OVERDUE')),
    fire_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (case_id, kind)
);
CREATE INDEX deadline_timer_due ON deadline_timer (fire_at);

ALTER TABLE case_deadline
    ADD COLUMN warned_at   TIMESTAMPTZ,
    ADD COLUMN breached_at TIMESTAMPTZ;

-- Limits to the second: 0.0028 natural hours is ten seconds.
ALTER TABLE deadline_policy
    ALTER COLUMN sign_amount TYPE NUMERIC(12, 4),
    ALTER COLUMN make_safe_amount TYPE NUMERIC(12, 4),
    ALTER COLUMN resolve_amount TYPE NUMERIC(12, 4);
