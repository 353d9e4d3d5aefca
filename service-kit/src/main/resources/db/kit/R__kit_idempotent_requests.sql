-- Shared by every service (service-kit, io.casegrid.kit.idempotency): the answers to POSTs that
-- carried an Idempotency-Key, written in the transaction of the change each request made.
-- A repeatable migration, so that it reaches a database whatever service migrations it has:
-- every statement must stay safe to run again (IF NOT EXISTS).

CREATE TABLE IF NOT EXISTS idempotent_request (
    caller          TEXT        NOT NULL,
    idempotency_key TEXT        NOT NULL,
    request_hash    TEXT        NOT NULL,
    path            TEXT        NOT NULL,
    status          INTEGER,
    content_type    TEXT,
    location        TEXT,
    body            TEXT,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (caller, idempotency_key)
);

CREATE INDEX IF NOT EXISTS idempotent_request_created_at ON idempotent_request (created_at);
