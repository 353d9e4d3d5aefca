-- Citizens' personal data is kept sealed (AES-256-GCM under the key of the service's
-- configuration, whose id is kept with it), and found by phone through a keyed blind index
-- (HMAC-SHA256 of the digits). The plaintext columns are sealed by the next migration, which runs
-- in the application because SQL cannot encrypt with the application's key.
ALTER TABLE case_record
    ADD COLUMN reporter_key_id       TEXT,
    ADD COLUMN reporter_name_sealed  BYTEA,
    ADD COLUMN reporter_phone_sealed BYTEA,
    ADD COLUMN reporter_phone_index  BYTEA;
CREATE INDEX case_record_reporter_phone_index_recent
    ON case_record (reporter_phone_index, reported_at DESC);

-- Every read of unmasked personal data: who, when, which case, and how it was reached.
CREATE TABLE personal_data_access (
    id          UUID PRIMARY KEY,
    accessed_at TIMESTAMPTZ NOT NULL,
    user_name   TEXT NOT NULL,
    case_id     UUID NOT NULL REFERENCES case_record (id),
    action      TEXT NOT NULL CHECK (action IN ('VIEW', 'SEARCH_BY_PHONE'))
);
CREATE INDEX personal_data_access_accessed_at ON personal_data_access (accessed_at DESC);
CREATE INDEX personal_data_access_case ON personal_data_access (case_id, accessed_at DESC);
CREATE INDEX personal_data_access_user ON personal_data_access (user_name, accessed_at DESC);
