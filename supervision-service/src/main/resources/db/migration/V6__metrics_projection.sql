-- Metrics for leadership, built from the events supervision already consumes.
--
-- Per case: the facts the formulas need, on the case's row (case_deadline already keeps the
-- deadlines, signing, closing, extension and rework). Per day in the city's zone, department,
-- district and category: counters, changed in the transaction of the event that changes them, so
-- that a dashboard over a year reads a few thousand rows per day instead of millions of cases.
-- The counters are a function of the cases' rows: metric_daily_rebuild recomputes them.

ALTER TABLE case_deadline
    ADD COLUMN street_code   TEXT,
    ADD COLUMN dispatched_at TIMESTAMPTZ,
    ADD COLUMN dispatches    INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN returns       INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN fixes         INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN parked        BOOLEAN NOT NULL DEFAULT false;

-- Cases followed before this version: their first dispatch is when their clock started, reporting
-- back is known only from its last outcome, and returns were not recorded (counted as none).
UPDATE case_deadline SET
    dispatched_at = clock_started_at,
    dispatches = CASE WHEN department_code IS NULL THEN 0 ELSE 1 END,
    fixes = rework_count + CASE WHEN resolved_at IS NOT NULL OR closed_at IS NOT NULL THEN 1 ELSE 0 END,
    parked = parked_since IS NOT NULL;

-- Open cases past their deadline ("overdue now"), found without reading the closed ones.
CREATE INDEX case_deadline_open_due ON case_deadline (resolve_due_at)
    WHERE closed_at IS NULL AND resolved_at IS NULL;

-- Which counter falls on which day (see metrics/CaseFacts.java, which must agree):
--   received                          the day it was reported
--   dispatched .. reworked            the day of its first dispatch (a cohort: the returns,
--                                     extensions and rework of the cases dispatched that day)
--   signed, signed_on_time            the day it was signed for
--   due .. closed_on_time_deferred    the day it closed if that was on time, otherwise the day of
--                                     its deadline (a case is due to close once, on one day)
CREATE TABLE metric_daily (
    day                      DATE NOT NULL,
    department_code          TEXT NOT NULL,
    district_code            TEXT NOT NULL,
    category_code            TEXT NOT NULL,
    received                 INTEGER NOT NULL DEFAULT 0,
    dispatched               INTEGER NOT NULL DEFAULT 0,
    dispatches               INTEGER NOT NULL DEFAULT 0,
    returned                 INTEGER NOT NULL DEFAULT 0,
    returned_cases           INTEGER NOT NULL DEFAULT 0,
    extended                 INTEGER NOT NULL DEFAULT 0,
    reported_fixed           INTEGER NOT NULL DEFAULT 0,
    reworked                 INTEGER NOT NULL DEFAULT 0,
    signed                   INTEGER NOT NULL DEFAULT 0,
    signed_on_time           INTEGER NOT NULL DEFAULT 0,
    due                      INTEGER NOT NULL DEFAULT 0,
    due_deferred             INTEGER NOT NULL DEFAULT 0,
    closed                   INTEGER NOT NULL DEFAULT 0,
    closed_on_time           INTEGER NOT NULL DEFAULT 0,
    closed_on_time_deferred  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_code, district_code, category_code)
);

-- Recomputes every counter from the cases' rows; the same contributions as CaseFacts.java. Locks
-- the counters against the consumers meanwhile, so that no increment is lost or counted twice.
CREATE FUNCTION metric_daily_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE metric_daily IN EXCLUSIVE MODE;
    DELETE FROM metric_daily;
    WITH c AS (
        SELECT COALESCE(department_code, '') AS department_code,
               COALESCE(district_code, '') AS district_code,
               category_code, reported_at, dispatched_at, dispatches, returns, extended,
               fixes, rework_count, signed_at, sign_due_at, closed_at, resolve_due_at,
               (extended OR parked) AS deferred,
               closed_at IS NOT NULL AND (resolve_due_at IS NULL OR closed_at <= resolve_due_at)
                   AS closed_on_time
          FROM case_deadline
    ), parts AS (
        SELECT (reported_at AT TIME ZONE zone)::date AS day, department_code, district_code,
               category_code, 1 AS received, 0 AS dispatched, 0 AS dispatches, 0 AS returned,
               0 AS returned_cases, 0 AS extended, 0 AS reported_fixed, 0 AS reworked,
               0 AS signed, 0 AS signed_on_time, 0 AS due, 0 AS due_deferred, 0 AS closed,
               0 AS closed_on_time, 0 AS closed_on_time_deferred
          FROM c
        UNION ALL
        SELECT (dispatched_at AT TIME ZONE zone)::date, department_code, district_code,
               category_code, 0, 1, dispatches, returns, CASE WHEN returns > 0 THEN 1 ELSE 0 END,
               CASE WHEN extended THEN 1 ELSE 0 END, fixes, rework_count,
               0, 0, 0, 0, 0, 0, 0
          FROM c WHERE dispatched_at IS NOT NULL
        UNION ALL
        SELECT (signed_at AT TIME ZONE zone)::date, department_code, district_code,
               category_code, 0, 0, 0, 0, 0, 0, 0, 0,
               1, CASE WHEN sign_due_at IS NULL OR signed_at <= sign_due_at THEN 1 ELSE 0 END,
               0, 0, 0, 0, 0
          FROM c WHERE signed_at IS NOT NULL
        UNION ALL
        SELECT ((CASE WHEN closed_on_time THEN closed_at ELSE resolve_due_at END)
                   AT TIME ZONE zone)::date,
               department_code, district_code, category_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
               1, CASE WHEN deferred THEN 1 ELSE 0 END,
               CASE WHEN closed_at IS NOT NULL THEN 1 ELSE 0 END,
               CASE WHEN closed_on_time THEN 1 ELSE 0 END,
               CASE WHEN closed_on_time AND deferred THEN 1 ELSE 0 END
          FROM c WHERE closed_on_time OR resolve_due_at IS NOT NULL
    )
    INSERT INTO metric_daily
    SELECT day, department_code, district_code, category_code,
           sum(received), sum(dispatched), sum(dispatches), sum(returned), sum(returned_cases),
           sum(extended), sum(reported_fixed), sum(reworked), sum(signed), sum(signed_on_time),
           sum(due), sum(due_deferred), sum(closed), sum(closed_on_time),
           sum(closed_on_time_deferred)
      FROM parts
     GROUP BY day, department_code, district_code, category_code;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

SELECT metric_daily_rebuild('${city_zone}');
