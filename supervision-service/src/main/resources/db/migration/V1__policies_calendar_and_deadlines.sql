-- Deadline policies, the working calendar, and each case's deadlines.

CREATE TABLE deadline_policy (
    id                BIGSERIAL PRIMARY KEY,
    category_code     TEXT,
    urgency           TEXT NOT NULL CHECK (urgency IN ('NORMAL', 'URGENT', 'EMERGENCY')),
    sign_amount       NUMERIC(10, 2) NOT NULL,
    sign_unit         TEXT NOT NULL,
    make_safe_amount  NUMERIC(10, 2),
    make_safe_unit    TEXT,
    resolve_amount    NUMERIC(10, 2) NOT NULL,
    resolve_unit      TEXT NOT NULL,
    warning_share     NUMERIC(4, 3) NOT NULL DEFAULT 0.8
);
CREATE UNIQUE INDEX deadline_policy_scope ON deadline_policy (COALESCE(category_code, '*'), urgency);

CREATE TABLE working_period (
    starts TIME NOT NULL,
    ends   TIME NOT NULL,
    PRIMARY KEY (starts)
);

CREATE TABLE calendar_day (
    day  DATE PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('HOLIDAY', 'MAKE_UP_WORKDAY')),
    name TEXT NOT NULL
);

CREATE TABLE calendar_setting (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    weekend TEXT NOT NULL
);
INSERT INTO calendar_setting VALUES (1, 'SATURDAY,SUNDAY');

CREATE TABLE case_deadline (
    case_id          UUID PRIMARY KEY,
    case_number      TEXT NOT NULL,
    category_code    TEXT NOT NULL,
    urgency          TEXT NOT NULL,
    department_code  TEXT,
    district_code    TEXT,
    grid_code        TEXT,
    reported_at      TIMESTAMPTZ NOT NULL,
    clock_started_at TIMESTAMPTZ,
    policy_reference TEXT,
    sign_due_at      TIMESTAMPTZ,
    make_safe_due_at TIMESTAMPTZ,
    resolve_due_at   TIMESTAMPTZ,
    warning_at       TIMESTAMPTZ,
    version          BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX case_deadline_resolve_due ON case_deadline (resolve_due_at);
