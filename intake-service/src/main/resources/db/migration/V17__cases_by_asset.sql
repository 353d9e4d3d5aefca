-- The open case a person filed for an asset, newest first: a sensor's condition joins it rather
-- than opening a case of its own. Without it, every case a sensor opened read all cases.
CREATE INDEX case_record_asset ON case_record (asset_code, reported_at DESC)
    WHERE asset_code IS NOT NULL;
