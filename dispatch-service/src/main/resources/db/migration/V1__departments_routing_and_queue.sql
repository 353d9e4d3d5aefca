-- Departments, the territory they cover, the routing catalogue, and the cases in their queues.

CREATE TABLE department (
    code        TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    name_en     TEXT,
    kind        TEXT NOT NULL CHECK (kind IN ('UTILITY', 'BUREAU', 'TERRITORIAL')),
    parent_code TEXT
);

-- The territorial office responsible for a street (属地).
CREATE TABLE territory (
    street_code     TEXT PRIMARY KEY,
    department_code TEXT NOT NULL REFERENCES department (code)
);

-- The routing catalogue: category x area -> lead department and co-handlers.
CREATE TABLE routing_rule (
    id                BIGSERIAL PRIMARY KEY,
    category_code     TEXT NOT NULL,
    district_code     TEXT,
    department_code   TEXT NOT NULL REFERENCES department (code),
    co_handler_codes  TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX routing_rule_scope ON routing_rule (category_code, COALESCE(district_code, '*'));

CREATE TABLE dispatch_case (
    case_id          UUID PRIMARY KEY,
    case_number      TEXT NOT NULL,
    category_code    TEXT NOT NULL,
    urgency          TEXT NOT NULL,
    description      TEXT NOT NULL,
    district_code    TEXT,
    street_code      TEXT,
    community_code   TEXT,
    grid_code        TEXT,
    asset_code       TEXT,
    asset_owner_code TEXT,
    department_code  TEXT,
    state            TEXT NOT NULL,
    basis            TEXT,
    rule_reference   TEXT,
    reported_at      TIMESTAMPTZ NOT NULL,
    dispatched_at    TIMESTAMPTZ,
    version          BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX dispatch_case_queue ON dispatch_case (department_code, state, dispatched_at);
CREATE INDEX dispatch_case_state ON dispatch_case (state);
