-- Category catalogue versions: every load that changes the catalogue makes a new version, kept
-- whole (revisions never change), so a case shows its category as it stood when it was filed.
-- A category may say within which distance and time a new report of it is a likely duplicate.
ALTER TABLE category
    ADD COLUMN duplicate_radius_metres INTEGER CHECK (duplicate_radius_metres > 0),
    ADD COLUMN duplicate_window_hours  INTEGER CHECK (duplicate_window_hours > 0);

CREATE TABLE category_version (
    version      INTEGER PRIMARY KEY CHECK (version > 0),
    effective_at TIMESTAMPTZ NOT NULL,
    categories   INTEGER NOT NULL,
    added        INTEGER NOT NULL,
    changed      INTEGER NOT NULL
);

CREATE TABLE category_revision (
    version                 INTEGER NOT NULL REFERENCES category_version (version),
    code                    TEXT NOT NULL,
    name                    TEXT NOT NULL,
    name_en                 TEXT,
    kind                    TEXT NOT NULL,
    default_urgency         TEXT NOT NULL,
    duplicate_radius_metres INTEGER,
    duplicate_window_hours  INTEGER,
    PRIMARY KEY (version, code)
);

-- The catalogue as it stands is version 1, and every earlier case was filed under it.
INSERT INTO category_version (version, effective_at, categories, added, changed)
SELECT 1, now(), count(*), count(*), 0 FROM category HAVING count(*) > 0;
INSERT INTO category_revision (version, code, name, name_en, kind, default_urgency)
SELECT 1, code, name, name_en, kind, default_urgency FROM category
 WHERE EXISTS (SELECT 1 FROM category_version);

-- Without a catalogue there can be no case (category_code references it), so the default fits.
ALTER TABLE case_record ADD COLUMN category_version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE case_record
    ALTER COLUMN category_version DROP DEFAULT,
    ADD CONSTRAINT case_record_category_revision
        FOREIGN KEY (category_version, category_code) REFERENCES category_revision (version, code);

-- Duplicates (合并): a case merged into another keeps its number and points at the surviving case;
-- its reporters and photos move there.
ALTER TABLE case_record
    ADD COLUMN merged_into UUID REFERENCES case_record (id) CHECK (merged_into <> id);

-- Open cases of a category reported lately: the candidates for a new report's duplicate.
CREATE INDEX case_record_category_reported_at ON case_record (category_code, reported_at);

-- The people who reported a case besides the one who filed it: each sealed as the first reporter
-- is (bound to this row), found by phone through the same blind index, and with the number of the
-- case they were told on the phone.
CREATE TABLE case_reporter (
    id                   UUID PRIMARY KEY,
    case_id              UUID NOT NULL REFERENCES case_record (id),
    told_case_id         UUID NOT NULL REFERENCES case_record (id),
    channel              TEXT NOT NULL,
    note                 TEXT,
    reported_at          TIMESTAMPTZ NOT NULL,
    recorded_by          TEXT NOT NULL,
    anonymous            BOOLEAN NOT NULL,
    callback_consent     BOOLEAN NOT NULL,
    key_id               TEXT,
    name_sealed          BYTEA,
    phone_sealed         BYTEA,
    phone_index          BYTEA,
    CONSTRAINT case_reporter_anonymous_holds_no_personal_data CHECK (
        NOT anonymous OR (name_sealed IS NULL AND phone_sealed IS NULL AND phone_index IS NULL)),
    CONSTRAINT case_reporter_sealed_names_its_key CHECK (
        (name_sealed IS NULL AND phone_sealed IS NULL) OR key_id IS NOT NULL)
);
CREATE INDEX case_reporter_case ON case_reporter (case_id, reported_at);
CREATE INDEX case_reporter_phone_index ON case_reporter (phone_index) WHERE phone_index IS NOT NULL;

-- Merges as the operator decided them, with what moved.
CREATE TABLE case_merge (
    merged_case_id    UUID PRIMARY KEY REFERENCES case_record (id),
    surviving_case_id UUID NOT NULL REFERENCES case_record (id),
    merged_by         TEXT NOT NULL,
    merged_at         TIMESTAMPTZ NOT NULL,
    reason            TEXT,
    reporters_moved   INTEGER NOT NULL,
    photos_moved      INTEGER NOT NULL,
    alarms_moved      INTEGER NOT NULL
);
CREATE INDEX case_merge_surviving ON case_merge (surviving_case_id);
