-- The rectification campaigns (专项整治) intake runs, as intake announces them, for the leadership
-- dashboard: each launched campaign's period, its end, and its latest headline progress.
CREATE TABLE campaign (
    id                         UUID PRIMARY KEY,
    name                       TEXT NOT NULL,
    starts_on                  DATE NOT NULL,
    inspect_by                 DATE NOT NULL,
    rectify_by                 DATE NOT NULL,
    rectification_working_days INT NOT NULL,
    launched_at                TIMESTAMPTZ NOT NULL,
    ended_at                   TIMESTAMPTZ,
    ending                     TEXT,
    in_scope                   BIGINT NOT NULL,
    inspected                  BIGINT NOT NULL DEFAULT 0,
    defects                    BIGINT NOT NULL DEFAULT 0,
    rectified                  BIGINT NOT NULL DEFAULT 0,
    overdue                    BIGINT NOT NULL DEFAULT 0,
    blind_spots                BIGINT NOT NULL DEFAULT 0,
    -- When the ledger stood as the figures say: an older snapshot never replaces a newer one.
    progress_as_of             TIMESTAMPTZ NOT NULL
);

CREATE INDEX campaign_active ON campaign (rectify_by) WHERE ended_at IS NULL;
