-- Bumped by every load of reference data, so each running instance knows when to reload its caches.
CREATE TABLE reference_version (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    version BIGINT NOT NULL
);
INSERT INTO reference_version VALUES (1, 0);
