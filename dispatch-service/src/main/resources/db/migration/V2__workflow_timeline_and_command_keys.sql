-- The department's work on a case, the case's timeline, and the keys of commands already applied.

ALTER TABLE dispatch_case
    ADD COLUMN signed_at    TIMESTAMPTZ,
    ADD COLUMN resolved_at  TIMESTAMPTZ,
    ADD COLUMN closed_at    TIMESTAMPTZ,
    ADD COLUMN result       TEXT,
    ADD COLUMN rework_count INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN return_count INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN returned_by  TEXT NOT NULL DEFAULT '';

-- Who did what to a case, when and why.
CREATE TABLE case_action (
    id              BIGSERIAL PRIMARY KEY,
    case_id         UUID NOT NULL REFERENCES dispatch_case (case_id),
    at              TIMESTAMPTZ NOT NULL,
    actor           TEXT NOT NULL,
    action          TEXT NOT NULL,
    department_code TEXT,
    from_state      TEXT,
    to_state        TEXT NOT NULL,
    reason          TEXT
);
CREATE INDEX case_action_case ON case_action (case_id, id);

-- A command retried with the same idempotency key has one effect.
CREATE TABLE command_key (
    idempotency_key TEXT PRIMARY KEY,
    case_id         UUID NOT NULL,
    action          TEXT NOT NULL,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
