-- Reference data an administrator loads, and the cases intake registers.

CREATE TABLE category (
    code            TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    name_en         TEXT,
    kind            TEXT NOT NULL CHECK (kind IN ('COMPONENT', 'EVENT', 'DEMAND')),
    default_urgency TEXT NOT NULL CHECK (default_urgency IN ('NORMAL', 'URGENT', 'EMERGENCY'))
);

CREATE TABLE area (
    code        TEXT PRIMARY KEY,
    level       TEXT NOT NULL CHECK (level IN ('DISTRICT', 'STREET', 'COMMUNITY', 'GRID')),
    name        TEXT NOT NULL,
    name_en     TEXT,
    parent_code TEXT REFERENCES area (code),
    geometry    TEXT NOT NULL
);

CREATE TABLE asset (
    code                  TEXT PRIMARY KEY,
    category_code         TEXT NOT NULL REFERENCES category (code),
    latitude              DOUBLE PRECISION NOT NULL,
    longitude             DOUBLE PRECISION NOT NULL,
    owner_department_code TEXT
);

-- Case numbers are read out on the phone: never reused, so they come from a sequence.
CREATE SEQUENCE case_number_seq;

CREATE TABLE case_record (
    id                 UUID PRIMARY KEY,
    case_number        TEXT NOT NULL UNIQUE,
    kind               TEXT NOT NULL,
    channel            TEXT NOT NULL,
    category_code      TEXT NOT NULL REFERENCES category (code),
    urgency            TEXT NOT NULL,
    description        TEXT NOT NULL,
    latitude           DOUBLE PRECISION,
    longitude          DOUBLE PRECISION,
    address_text       TEXT,
    district_code      TEXT,
    street_code        TEXT,
    community_code     TEXT,
    grid_code          TEXT,
    asset_code         TEXT,
    asset_owner_code   TEXT,
    reporter_name      TEXT,
    reporter_phone     TEXT,
    reporter_anonymous BOOLEAN NOT NULL,
    callback_consent   BOOLEAN NOT NULL,
    status             TEXT NOT NULL,
    reported_at        TIMESTAMPTZ NOT NULL,
    version            BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX case_record_reporter_phone ON case_record (reporter_phone);
CREATE INDEX case_record_reported_at ON case_record (reported_at);
