-- Assets are found near a position (the covers of a category around a caller), and by area.
CREATE INDEX asset_category_position ON asset (category_code, latitude, longitude);
CREATE INDEX asset_position ON asset (latitude, longitude);

-- How a case's asset was found: its code given (CODE), confirmed by the operator among those
-- suggested near the position (SUGGESTION), taken as the only one within a tight radius
-- (POSITION), or the sensor's own (SENSOR).
ALTER TABLE case_record ADD COLUMN asset_found_by TEXT
    CHECK (asset_found_by IN ('CODE', 'SUGGESTION', 'POSITION', 'SENSOR'));
