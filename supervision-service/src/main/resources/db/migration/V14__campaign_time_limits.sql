-- A defect found by a rectification campaign (专项整治) is resolved within the campaign's limit:
-- working days from dispatch, at the latest the end of the campaign's last day.
ALTER TABLE case_deadline
    ADD COLUMN campaign_id           UUID,
    ADD COLUMN campaign_working_days INT,
    ADD COLUMN campaign_rectify_by   DATE;
