-- Co-handling (协办): the lead department owns the case; co-handlers get linked tasks and report
-- into it.
CREATE TABLE co_handling_task (
    id              UUID PRIMARY KEY,
    case_id         UUID NOT NULL REFERENCES dispatch_case (case_id),
    department_code TEXT NOT NULL,
    state           TEXT NOT NULL CHECK (state IN ('OPEN', 'REPORTED', 'CANCELLED')),
    report          TEXT,
    reported_by     TEXT,
    created_at      TIMESTAMPTZ NOT NULL,
    closed_at       TIMESTAMPTZ
);
CREATE INDEX co_handling_task_department ON co_handling_task (department_code, state, created_at);
CREATE INDEX co_handling_task_case ON co_handling_task (case_id);
