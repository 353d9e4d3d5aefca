-- Photos of a case (a citizen's, a department's evidence, an inspector's), kept in the service's
-- own database so that they are committed, backed up and restored with the case they belong to.
CREATE TABLE attachment (
    id          UUID PRIMARY KEY,
    case_id     UUID NOT NULL,
    purpose     TEXT NOT NULL,
    media_type  TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    size_bytes  INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256      TEXT NOT NULL,
    content     BYTEA NOT NULL,
    uploaded_by TEXT NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX attachment_case ON attachment (case_id, uploaded_at);
