-- The rest of the leadership's metrics, kept like the counters of V6 and V7: per case, the facts;
-- per day and per month, additive rows changed in the transaction of the event that changes them,
-- and a function per table that recomputes them from the cases' rows (metrics/CaseFacts.java must
-- agree with it).
--
--   * callbacks after closure (回访, intake's CallbackRecorded): each case counts its latest
--     callback, on that callback's day;
--   * cases closed on the call (首接办结, CaseReported.resolvedAtFirstContact), on the day reported;
--   * times to sign and to close as histograms with fixed buckets, per day (month), department and
--     district, and per day (month), department and category;
--   * cases received per day (month), department, grid and category, for the hotspot map.

ALTER TABLE case_deadline
    -- The latest dispatch; rows from before this version read their first one instead.
    ADD COLUMN last_dispatched_at      TIMESTAMPTZ,
    ADD COLUMN first_contact_closed_at TIMESTAMPTZ,
    ADD COLUMN callback_at             TIMESTAMPTZ,
    ADD COLUMN callback_contacted      BOOLEAN,
    ADD COLUMN callback_resolved       BOOLEAN,
    ADD COLUMN callback_satisfaction   TEXT
        CHECK (callback_satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED'));

ALTER TABLE metric_daily
    ADD COLUMN first_contact_resolved INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN called                 INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN contacted              INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN callback_resolved      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN satisfied              INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN basically_satisfied    INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metric_monthly
    ADD COLUMN first_contact_resolved INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN called                 INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN contacted              INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN callback_resolved      INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN satisfied              INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN basically_satisfied    INTEGER NOT NULL DEFAULT 0;

CREATE OR REPLACE FUNCTION metric_daily_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
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
               first_contact_closed_at, callback_at, callback_contacted, callback_resolved,
               callback_satisfaction,
               (extended OR parked) AS deferred,
               closed_at IS NOT NULL AND (resolve_due_at IS NULL OR closed_at <= resolve_due_at)
                   AS closed_on_time
          FROM case_deadline
    ), parts AS (
        SELECT (reported_at AT TIME ZONE zone)::date AS day, department_code, district_code,
               category_code, 1 AS received, 0 AS dispatched, 0 AS dispatches, 0 AS returned,
               0 AS returned_cases, 0 AS extended, 0 AS reported_fixed, 0 AS reworked,
               0 AS signed, 0 AS signed_on_time, 0 AS due, 0 AS due_deferred, 0 AS closed,
               0 AS closed_on_time, 0 AS closed_on_time_deferred,
               CASE WHEN first_contact_closed_at IS NOT NULL THEN 1 ELSE 0 END
                   AS first_contact_resolved,
               0 AS called, 0 AS contacted, 0 AS callback_resolved, 0 AS satisfied,
               0 AS basically_satisfied
          FROM c
        UNION ALL
        SELECT (dispatched_at AT TIME ZONE zone)::date, department_code, district_code,
               category_code, 0, 1, dispatches, returns, CASE WHEN returns > 0 THEN 1 ELSE 0 END,
               CASE WHEN extended THEN 1 ELSE 0 END, fixes, rework_count,
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
          FROM c WHERE dispatched_at IS NOT NULL
        UNION ALL
        SELECT (signed_at AT TIME ZONE zone)::date, department_code, district_code,
               category_code, 0, 0, 0, 0, 0, 0, 0, 0,
               1, CASE WHEN sign_due_at IS NULL OR signed_at <= sign_due_at THEN 1 ELSE 0 END,
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
          FROM c WHERE signed_at IS NOT NULL
        UNION ALL
        SELECT ((CASE WHEN closed_on_time THEN closed_at ELSE resolve_due_at END)
                   AT TIME ZONE zone)::date,
               department_code, district_code, category_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
               1, CASE WHEN deferred THEN 1 ELSE 0 END,
               CASE WHEN closed_at IS NOT NULL THEN 1 ELSE 0 END,
               CASE WHEN closed_on_time THEN 1 ELSE 0 END,
               CASE WHEN closed_on_time AND deferred THEN 1 ELSE 0 END,
               0, 0, 0, 0, 0, 0
          FROM c WHERE closed_on_time OR resolve_due_at IS NOT NULL
        UNION ALL
        SELECT (callback_at AT TIME ZONE zone)::date, department_code, district_code,
               category_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
               1, CASE WHEN callback_contacted THEN 1 ELSE 0 END,
               CASE WHEN callback_resolved THEN 1 ELSE 0 END,
               CASE WHEN callback_satisfaction = 'SATISFIED' THEN 1 ELSE 0 END,
               CASE WHEN callback_satisfaction = 'BASICALLY_SATISFIED' THEN 1 ELSE 0 END
          FROM c WHERE callback_at IS NOT NULL
    )
    INSERT INTO metric_daily (day, department_code, district_code, category_code, received,
           dispatched, dispatches, returned, returned_cases, extended, reported_fixed, reworked,
           signed, signed_on_time, due, due_deferred, closed, closed_on_time,
           closed_on_time_deferred, first_contact_resolved, called, contacted, callback_resolved,
           satisfied, basically_satisfied)
    SELECT day, department_code, district_code, category_code,
           sum(received), sum(dispatched), sum(dispatches), sum(returned), sum(returned_cases),
           sum(extended), sum(reported_fixed), sum(reworked), sum(signed), sum(signed_on_time),
           sum(due), sum(due_deferred), sum(closed), sum(closed_on_time),
           sum(closed_on_time_deferred), sum(first_contact_resolved), sum(called),
           sum(contacted), sum(callback_resolved), sum(satisfied), sum(basically_satisfied)
      FROM parts
     GROUP BY day, department_code, district_code, category_code;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

CREATE OR REPLACE FUNCTION metric_monthly_from_daily() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE metric_monthly IN EXCLUSIVE MODE;
    DELETE FROM metric_monthly;
    INSERT INTO metric_monthly (month, department_code, district_code, category_code, received,
           dispatched, dispatches, returned, returned_cases, extended, reported_fixed, reworked,
           signed, signed_on_time, due, due_deferred, closed, closed_on_time,
           closed_on_time_deferred, first_contact_resolved, called, contacted, callback_resolved,
           satisfied, basically_satisfied)
    SELECT date_trunc('month', day)::date, department_code, district_code, category_code,
           sum(received), sum(dispatched), sum(dispatches), sum(returned), sum(returned_cases),
           sum(extended), sum(reported_fixed), sum(reworked), sum(signed), sum(signed_on_time),
           sum(due), sum(due_deferred), sum(closed), sum(closed_on_time),
           sum(closed_on_time_deferred), sum(first_contact_resolved), sum(called),
           sum(contacted), sum(callback_resolved), sum(satisfied), sum(basically_satisfied)
      FROM metric_daily
     GROUP BY 1, department_code, district_code, category_code;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

-- Times to sign (from the latest dispatch) and to close (from the first dispatch), in whole
-- seconds, as histograms with fixed log-linear buckets (metrics/DurationHistogram.java): buckets
-- 0 to 15 hold 0 to 15 s exactly; from 16 s on, each doubling of time is cut into 8 equal
-- buckets, so a bucket is at most 1/8 of its lower bound wide; the last (191) holds everything
-- from 62,914,560 s (728 days) on.
CREATE FUNCTION duration_bounds() RETURNS BIGINT[] IMMUTABLE LANGUAGE sql AS $$
    SELECT array_agg(CASE WHEN b < 16 THEN b
                          ELSE (8 + (b - 16) % 8)::BIGINT << (1 + (b - 16) / 8) END ORDER BY b)
      FROM generate_series(0, 191) b
$$;

-- A histogram is stored packed: {first bucket, its count, the next bucket's count, …, the last
-- bucket's count}, without zeros at either end; '{}' when empty. A day's cases of one department
-- and district span a few dozen buckets of the 192, so this keeps the rows small.
-- histogram_pack packs a dense one (dense[k + 1] counting bucket k).
CREATE FUNCTION histogram_pack(dense INTEGER[]) RETURNS INTEGER[] IMMUTABLE LANGUAGE plpgsql AS $$
DECLARE
    lo INTEGER;
    hi INTEGER;
BEGIN
    FOR i IN 1..COALESCE(cardinality(dense), 0) LOOP
        IF dense[i] <> 0 THEN
            lo := COALESCE(lo, i);
            hi := i;
        END IF;
    END LOOP;
    IF lo IS NULL THEN
        RETURN '{}';
    END IF;
    RETURN array_prepend(lo - 1, dense[lo:hi]);
END;
$$;

-- Bucket by bucket a + b, packed.
CREATE FUNCTION histogram_add(a INTEGER[], b INTEGER[]) RETURNS INTEGER[] IMMUTABLE
LANGUAGE plpgsql AS $$
DECLARE
    dense INTEGER[] := array_fill(0, ARRAY[192]);
BEGIN
    FOR i IN 2..COALESCE(cardinality(a), 0) LOOP
        dense[a[1] + i - 1] := dense[a[1] + i - 1] + a[i];
    END LOOP;
    FOR i IN 2..COALESCE(cardinality(b), 0) LOOP
        dense[b[1] + i - 1] := dense[b[1] + i - 1] + b[i];
    END LOOP;
    RETURN histogram_pack(dense);
END;
$$;

-- The histogram holding counts[k] in bucket buckets[k], packed.
CREATE FUNCTION histogram_of(buckets INTEGER[], counts BIGINT[]) RETURNS INTEGER[] IMMUTABLE
LANGUAGE plpgsql AS $$
DECLARE
    dense INTEGER[] := array_fill(0, ARRAY[192]);
BEGIN
    FOR i IN 1..COALESCE(cardinality(buckets), 0) LOOP
        dense[buckets[i] + 1] := dense[buckets[i] + 1] + counts[i];
    END LOOP;
    RETURN histogram_pack(dense);
END;
$$;

CREATE TABLE duration_daily (
    day             DATE NOT NULL,
    measure         TEXT NOT NULL CHECK (measure IN ('SIGN', 'CLOSE')),
    dimension       TEXT NOT NULL CHECK (dimension IN ('DISTRICT', 'CATEGORY')),
    department_code TEXT NOT NULL,
    code            TEXT NOT NULL,
    cases           INTEGER NOT NULL DEFAULT 0,
    seconds         BIGINT NOT NULL DEFAULT 0,
    buckets         INTEGER[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (day, measure, dimension, department_code, code)
);
CREATE TABLE duration_monthly (LIKE duration_daily INCLUDING DEFAULTS INCLUDING CONSTRAINTS);
ALTER TABLE duration_monthly RENAME COLUMN day TO month;
ALTER TABLE duration_monthly ADD PRIMARY KEY (month, measure, dimension, department_code, code);

CREATE FUNCTION duration_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE duration_daily, duration_monthly IN EXCLUSIVE MODE;
    DELETE FROM duration_daily;
    DELETE FROM duration_monthly;
    CREATE TEMPORARY TABLE duration_part ON COMMIT DROP AS
    WITH timed AS (
        SELECT 'SIGN' AS measure, signed_at AS at,
               floor(extract(epoch FROM signed_at - COALESCE(last_dispatched_at, dispatched_at)))
                   ::BIGINT AS seconds,
               department_code, district_code, category_code
          FROM case_deadline
         WHERE signed_at >= COALESCE(last_dispatched_at, dispatched_at)
        UNION ALL
        SELECT 'CLOSE', closed_at,
               greatest(0, floor(extract(epoch FROM closed_at - dispatched_at)))::BIGINT,
               department_code, district_code, category_code
          FROM case_deadline
         WHERE closed_at IS NOT NULL AND dispatched_at IS NOT NULL
    )
    SELECT (at AT TIME ZONE zone)::date AS day, measure, d.dimension,
           COALESCE(department_code, '') AS department_code, d.code,
           width_bucket(seconds, duration_bounds()) - 1 AS bucket,
           count(*) AS cases, sum(seconds) AS seconds
      FROM timed
     CROSS JOIN LATERAL (VALUES ('DISTRICT', COALESCE(district_code, '')),
                                ('CATEGORY', category_code)) AS d(dimension, code)
     GROUP BY 1, 2, 3, 4, 5, 6;
    INSERT INTO duration_daily (day, measure, dimension, department_code, code, cases, seconds,
           buckets)
    SELECT day, measure, dimension, department_code, code, sum(cases), sum(seconds),
           histogram_of(array_agg(bucket), array_agg(cases))
      FROM duration_part
     GROUP BY 1, 2, 3, 4, 5;
    GET DIAGNOSTICS written = ROW_COUNT;
    INSERT INTO duration_monthly (month, measure, dimension, department_code, code, cases,
           seconds, buckets)
    SELECT month, measure, dimension, department_code, code, sum(cases), sum(seconds),
           histogram_of(array_agg(bucket), array_agg(cases))
      FROM (SELECT date_trunc('month', day)::date AS month, measure, dimension, department_code,
                   code, bucket, sum(cases)::BIGINT AS cases, sum(seconds) AS seconds
              FROM duration_part GROUP BY 1, 2, 3, 4, 5, 6) m
     GROUP BY 1, 2, 3, 4, 5;
    RETURN written;
END;
$$;

CREATE TABLE hotspot_daily (
    day             DATE NOT NULL,
    department_code TEXT NOT NULL,
    grid_code       TEXT NOT NULL,
    category_code   TEXT NOT NULL,
    received        INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, department_code, grid_code, category_code)
);
CREATE TABLE hotspot_monthly (LIKE hotspot_daily INCLUDING DEFAULTS);
ALTER TABLE hotspot_monthly RENAME COLUMN day TO month;
ALTER TABLE hotspot_monthly ADD PRIMARY KEY (month, department_code, grid_code, category_code);

CREATE FUNCTION hotspot_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE hotspot_daily, hotspot_monthly IN EXCLUSIVE MODE;
    DELETE FROM hotspot_daily;
    DELETE FROM hotspot_monthly;
    INSERT INTO hotspot_daily (day, department_code, grid_code, category_code, received)
    SELECT (reported_at AT TIME ZONE zone)::date, COALESCE(department_code, ''), grid_code,
           category_code, count(*)
      FROM case_deadline
     WHERE grid_code IS NOT NULL
     GROUP BY 1, 2, 3, 4;
    GET DIAGNOSTICS written = ROW_COUNT;
    INSERT INTO hotspot_monthly (month, department_code, grid_code, category_code, received)
    SELECT date_trunc('month', day)::date, department_code, grid_code, category_code,
           sum(received)
      FROM hotspot_daily
     GROUP BY 1, 2, 3, 4;
    RETURN written;
END;
$$;

SELECT duration_rebuild('${city_zone}'), hotspot_rebuild('${city_zone}');
