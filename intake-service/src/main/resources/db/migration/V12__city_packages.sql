-- A city package replaces the catalogue whole: a category it retires leaves the catalogue, while
-- the cases filed under it keep it through their catalogue version (category_revision).
ALTER TABLE case_record DROP CONSTRAINT case_record_category_code_fkey;

-- The service's parts of city packages: staged under a load id, checked by the service's own rules,
-- and activated when every service has staged its part (docs/CITY-PACKAGE.md).
CREATE TABLE city_package_part (
    load_id      UUID PRIMARY KEY,
    digest       TEXT NOT NULL,
    state        TEXT NOT NULL CHECK (state IN ('STAGED', 'ACTIVE', 'SUPERSEDED')),
    content      TEXT NOT NULL,
    staged_at    TIMESTAMPTZ NOT NULL,
    staged_by    TEXT NOT NULL,
    activated_at TIMESTAMPTZ
);
CREATE UNIQUE INDEX city_package_part_active ON city_package_part (state) WHERE state = 'ACTIVE';
