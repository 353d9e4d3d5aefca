-- What the departments do moves supervision's clock: signing stops the clock for signing,
-- parking stops the clock until the case is resumed, an approved extension moves the deadline,
-- reporting back stops the clock for resolving.
ALTER TABLE case_deadline
    ADD COLUMN status        TEXT NOT NULL DEFAULT 'REPORTED',
    ADD COLUMN resolve_unit  TEXT,
    ADD COLUMN signed_at     TIMESTAMPTZ,
    ADD COLUMN parked_since  TIMESTAMPTZ,
    ADD COLUMN resolved_at   TIMESTAMPTZ,
    ADD COLUMN closed_at     TIMESTAMPTZ,
    ADD COLUMN extended      BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN rework_count  INTEGER NOT NULL DEFAULT 0;
