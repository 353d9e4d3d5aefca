-- The departments an administrator loads, so that an asset's owner can be checked when the asset
-- register is imported.
CREATE TABLE department (
    code    TEXT PRIMARY KEY,
    name    TEXT NOT NULL,
    name_en TEXT
);

-- An asset's address as the register gives it, and the import job that wrote it last: a code the
-- same job meets again is a duplicate within that file.
ALTER TABLE asset
    ADD COLUMN address       TEXT,
    ADD COLUMN import_job_id UUID;

-- Imports of the asset register from large files (CSV, GeoJSON), run in the background: their
-- progress, and the first rejected rows with why.
CREATE TABLE asset_import (
    id            UUID PRIMARY KEY,
    format        TEXT NOT NULL CHECK (format IN ('CSV', 'GEOJSON')),
    state         TEXT NOT NULL CHECK (state IN ('RUNNING', 'DONE', 'FAILED')),
    started_by    TEXT NOT NULL,
    started_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL,
    finished_at   TIMESTAMPTZ,
    bytes         BIGINT NOT NULL,
    rows_read     BIGINT NOT NULL DEFAULT 0,
    rows_stored   BIGINT NOT NULL DEFAULT 0,
    rows_rejected BIGINT NOT NULL DEFAULT 0,
    failure       TEXT
);
CREATE INDEX asset_import_started_at ON asset_import (started_at DESC);

CREATE TABLE asset_import_rejection (
    import_id UUID NOT NULL REFERENCES asset_import (id) ON DELETE CASCADE,
    -- The CSV line the row starts on, or the GeoJSON feature's index in "features".
    position  BIGINT NOT NULL,
    code      TEXT,
    field     TEXT,
    reason    TEXT NOT NULL,
    PRIMARY KEY (import_id, position)
);

-- The deadline by which the department must resolve the case, as supervision sets it.
ALTER TABLE case_record ADD COLUMN resolve_due_at TIMESTAMPTZ;
