-- Deadlines set by supervision, so that a department's queue is sorted by what is due first.
ALTER TABLE dispatch_case
    ADD COLUMN sign_due_at    TIMESTAMPTZ,
    ADD COLUMN resolve_due_at TIMESTAMPTZ;
DROP INDEX dispatch_case_queue;
CREATE INDEX dispatch_case_queue ON dispatch_case (department_code, state, resolve_due_at);
