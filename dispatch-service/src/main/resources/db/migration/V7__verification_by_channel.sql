-- Who verifies a repair depends on where the case came from: the hotline calls a citizen back,
-- a grid inspector checks on site.
ALTER TABLE dispatch_case ADD COLUMN channel TEXT;
ALTER TABLE dispatch_case ADD COLUMN verifier TEXT;
CREATE INDEX dispatch_case_verification ON dispatch_case (state, verifier, grid_code);
