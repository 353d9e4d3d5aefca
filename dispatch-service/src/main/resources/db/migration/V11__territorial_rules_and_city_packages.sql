-- Territorial offices (属地) cover streets (9 digits) or communities (12 digits), and a routing rule
-- may send a category to the territorial office of the case's street or community instead of a
-- named department.
ALTER TABLE territory RENAME COLUMN street_code TO area_code;
ALTER TABLE territory ADD CONSTRAINT territory_area_code CHECK (area_code ~ '^([0-9]{9}|[0-9]{12})$');

ALTER TABLE routing_rule
    ALTER COLUMN department_code DROP NOT NULL,
    ADD COLUMN territorial_office TEXT CHECK (territorial_office IN ('STREET', 'COMMUNITY')),
    ADD CONSTRAINT routing_rule_target
        CHECK ((department_code IS NULL) <> (territorial_office IS NULL));

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
