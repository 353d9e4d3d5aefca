-- Smart-sensor alarms (智能井盖报警): every alarm kept once by its id, whatever path it came by;
-- the condition of each asset and alarm kind (normal, pending its debounce, or with an open case);
-- and the rules an administrator loads: above which value, for how long, before a case opens.
CREATE TABLE sensor_rule (
    kind             TEXT PRIMARY KEY,
    threshold        DOUBLE PRECISION,
    debounce_seconds INTEGER NOT NULL CHECK (debounce_seconds >= 0)
);

CREATE TABLE sensor_alarm (
    alarm_id    TEXT PRIMARY KEY,
    asset_code  TEXT NOT NULL,
    kind        TEXT NOT NULL,
    state       TEXT NOT NULL,
    value       DOUBLE PRECISION,
    observed_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    outcome     TEXT NOT NULL,
    case_id     UUID
);
CREATE INDEX sensor_alarm_case ON sensor_alarm (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX sensor_alarm_asset ON sensor_alarm (asset_code, kind, observed_at);

CREATE TABLE sensor_condition (
    asset_code    TEXT NOT NULL,
    kind          TEXT NOT NULL,
    pending_since TIMESTAMPTZ,
    due_at        TIMESTAMPTZ,
    case_id       UUID,
    PRIMARY KEY (asset_code, kind)
);
CREATE INDEX sensor_condition_due ON sensor_condition (due_at) WHERE due_at IS NOT NULL;
