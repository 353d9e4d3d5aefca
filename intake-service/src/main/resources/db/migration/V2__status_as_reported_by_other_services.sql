-- Operators answer callers with the case's status as dispatch reports it.
ALTER TABLE case_record
    ADD COLUMN department_code   TEXT,
    ADD COLUMN status_changed_at TIMESTAMPTZ;
-- Phones are stored as digits only, so a caller is found however the number was typed.
CREATE INDEX case_record_reporter_phone_recent ON case_record (reporter_phone, reported_at DESC);
DROP INDEX case_record_reporter_phone;
