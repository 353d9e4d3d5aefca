-- The escalation ladder an administrator loads, and the accountability record it writes: each step
-- taken against a department in a period, with the overdue cases behind it.
CREATE TABLE escalation_rung (
    overdue_cases INTEGER PRIMARY KEY CHECK (overdue_cases > 0),
    step          TEXT NOT NULL UNIQUE
);

ALTER TABLE calendar_setting ADD COLUMN escalation_period TEXT NOT NULL DEFAULT 'MONTH'
    CHECK (escalation_period IN ('WEEK', 'MONTH'));

CREATE TABLE accountability_record (
    id              UUID PRIMARY KEY,
    department_code TEXT NOT NULL,
    period_start    DATE NOT NULL,
    step            TEXT NOT NULL,
    taken_at        TIMESTAMPTZ NOT NULL,
    overdue_cases   INTEGER NOT NULL,
    case_ids        TEXT NOT NULL,
    UNIQUE (department_code, period_start, step)
);
CREATE INDEX case_deadline_breaches ON case_deadline (department_code, breached_at);
