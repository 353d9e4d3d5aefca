-- Supervision orders (督办单) to the departments of overdue cases, with a response deadline of their
-- own, and the settings an administrator loads for them.
CREATE TABLE supervision_order (
    id              UUID PRIMARY KEY,
    case_id         UUID NOT NULL REFERENCES case_deadline (case_id),
    department_code TEXT,
    issued_at       TIMESTAMPTZ NOT NULL,
    respond_by      TIMESTAMPTZ NOT NULL,
    answered_at     TIMESTAMPTZ,
    answered_by     TEXT,
    answer          TEXT
);
CREATE INDEX supervision_order_open ON supervision_order (respond_by) WHERE answered_at IS NULL;
CREATE INDEX supervision_order_case ON supervision_order (case_id);

ALTER TABLE calendar_setting
    ADD COLUMN order_response_amount NUMERIC(12, 4) NOT NULL DEFAULT 1,
    ADD COLUMN order_response_unit   TEXT NOT NULL DEFAULT 'WORKING_DAYS';
