-- Rectification campaigns (专项整治): a census of the register's assets in scope, whose items are the
-- campaign's ledger (整治工作台账).

CREATE TABLE campaign (
    id                         UUID PRIMARY KEY,
    name                       TEXT NOT NULL,
    state                      TEXT NOT NULL CHECK (state IN ('DRAFT', 'ACTIVE', 'ENDED')),
    category_codes             TEXT[] NOT NULL,
    -- Districts, streets, communities or grids; empty for the whole city.
    area_codes                 TEXT[] NOT NULL,
    register_as_of             DATE NOT NULL,
    starts_on                  DATE NOT NULL,
    inspect_by                 DATE NOT NULL,
    rectify_by                 DATE NOT NULL,
    rectification_working_days INT NOT NULL,
    defect_kinds               TEXT[] NOT NULL,
    created_by                 TEXT NOT NULL,
    created_at                 TIMESTAMPTZ NOT NULL,
    launched_by                TEXT,
    launched_at                TIMESTAMPTZ,
    -- When the register was read for the census, and how long placing the items took.
    launch_millis              BIGINT,
    ended_by                   TEXT,
    ended_at                   TIMESTAMPTZ,
    items_in_scope             INT NOT NULL DEFAULT 0,
    version                    BIGINT NOT NULL DEFAULT 0
);

-- One inspection item per asset in scope; responsible is the owner by the register, or the
-- territorial office of the street (TERRITORIAL:<street code>) for an unowned asset.
CREATE TABLE campaign_item (
    campaign_id         UUID NOT NULL REFERENCES campaign (id),
    asset_code          TEXT NOT NULL,
    category_code       TEXT NOT NULL,
    latitude            DOUBLE PRECISION NOT NULL,
    longitude           DOUBLE PRECISION NOT NULL,
    owner_code          TEXT,
    responsible_code    TEXT,
    district_code       TEXT,
    street_code         TEXT,
    grid_code           TEXT,
    -- FOUND: a cover the inspection found that the register did not have, confirmed since.
    origin              TEXT NOT NULL DEFAULT 'REGISTER' CHECK (origin IN ('REGISTER', 'FOUND')),
    condition           TEXT CHECK (condition IN ('OK', 'DEFECT')),
    defect_kind         TEXT,
    note                TEXT,
    photos              TEXT[],
    inspected_latitude  DOUBLE PRECISION,
    inspected_longitude DOUBLE PRECISION,
    inspected_by        TEXT,
    inspected_at        TIMESTAMPTZ,
    case_id             UUID,
    rectified_at        TIMESTAMPTZ,
    -- The owner the inspector found instead of the register's, until that owner answers.
    owner_found         TEXT,
    owner_found_by      TEXT,
    owner_answered_by   TEXT,
    owner_answered_at   TIMESTAMPTZ,
    owner_confirmed     BOOLEAN,
    PRIMARY KEY (campaign_id, asset_code)
);
CREATE INDEX campaign_item_case ON campaign_item (case_id) WHERE case_id IS NOT NULL;
CREATE INDEX campaign_item_uninspected ON campaign_item (campaign_id, grid_code)
    WHERE inspected_at IS NULL;

-- A cover found in the field that is not in the register: a new asset, pending confirmation by its
-- owner or an administrator, who gives it its code.
CREATE TABLE campaign_found_asset (
    id                  UUID PRIMARY KEY,
    campaign_id         UUID NOT NULL REFERENCES campaign (id),
    category_code       TEXT NOT NULL,
    latitude            DOUBLE PRECISION NOT NULL,
    longitude           DOUBLE PRECISION NOT NULL,
    owner_code          TEXT,
    condition           TEXT NOT NULL CHECK (condition IN ('OK', 'DEFECT')),
    defect_kind         TEXT,
    note                TEXT,
    photos              TEXT[] NOT NULL,
    found_by            TEXT NOT NULL,
    found_at            TIMESTAMPTZ NOT NULL,
    state               TEXT NOT NULL CHECK (state IN ('PENDING', 'CONFIRMED', 'REJECTED')),
    asset_code          TEXT,
    answered_by         TEXT,
    answered_at         TIMESTAMPTZ
);
CREATE INDEX campaign_found_asset_campaign ON campaign_found_asset (campaign_id, state);

-- The campaign whose inspection found the defect a case reports.
ALTER TABLE case_record ADD COLUMN campaign_id UUID;
