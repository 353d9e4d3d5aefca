-- The composite score's weights as a city's administrator loads them; while none are loaded the
-- configured ones (casegrid.metrics.weights.*) hold.
CREATE TABLE metric_weight (
    input  TEXT PRIMARY KEY,
    weight NUMERIC(8, 4) NOT NULL CHECK (weight >= 0)
);

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
