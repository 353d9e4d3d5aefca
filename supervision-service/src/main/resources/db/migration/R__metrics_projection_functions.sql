-- What each case adds to the metrics projection, and the functions that recompute the projection's
-- tables from the cases' rows (metrics/CaseFacts.java must agree with them). A repeatable migration:
-- Flyway runs it after the versioned ones, on a new database and whenever this file changes, so each
-- function is written once, here, as it stands now; V6, V7, V8 and V10 created their first versions.
-- What a case adds decides what every table should hold, so the file ends by rebuilding them all.
-- Functions whose columns change are dropped first: CREATE OR REPLACE cannot change them.

-- What every case adds to the counters, a row per case and day it counts on, with all its codes
-- (unknown department and district ''; street and grid as stored): the one statement of
-- CaseFacts.counters in SQL, which metric_daily_rebuild and area_metric_rebuild each sum by their
-- own key. A case's dispatches and their returns count for the department of each dispatch: a
-- return for the department that returned the case, upheld or refused as the next dispatch showed.
DROP FUNCTION IF EXISTS metric_parts(TEXT);
CREATE FUNCTION metric_parts(zone TEXT) RETURNS TABLE (
    day DATE, department_code TEXT, district_code TEXT, category_code TEXT, street_code TEXT,
    grid_code TEXT, received INTEGER, dispatched INTEGER, dispatches INTEGER, returned INTEGER,
    returned_cases INTEGER, extended INTEGER, reported_fixed INTEGER, reworked INTEGER,
    signed INTEGER, signed_on_time INTEGER, due INTEGER, due_deferred INTEGER, closed INTEGER,
    closed_on_time INTEGER, closed_on_time_deferred INTEGER, first_contact_resolved INTEGER,
    called INTEGER, contacted INTEGER, callback_resolved INTEGER, satisfied INTEGER,
    basically_satisfied INTEGER, returns_upheld INTEGER, returns_refused INTEGER
) STABLE LANGUAGE sql AS $$
    WITH c AS (
        SELECT COALESCE(department_code, '') AS department_code,
               COALESCE(district_code, '') AS district_code,
               category_code, street_code, grid_code, reported_at, dispatched_at,
               dispatch_departments, dispatch_returns, extended, fixes, rework_count, signed_at,
               sign_due_at, closed_at, resolve_due_at, first_contact_closed_at, callback_at,
               callback_contacted, callback_resolved, callback_satisfaction,
               (extended OR parked) AS deferred,
               closed_at IS NOT NULL AND (resolve_due_at IS NULL OR closed_at <= resolve_due_at)
                   AS closed_on_time
          FROM case_deadline
    )
    SELECT (reported_at AT TIME ZONE zone)::date, department_code, district_code, category_code,
           street_code, grid_code, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           CASE WHEN first_contact_closed_at IS NOT NULL THEN 1 ELSE 0 END, 0, 0, 0, 0, 0, 0, 0
      FROM c
    UNION ALL
    SELECT (dispatched_at AT TIME ZONE zone)::date, department_code, district_code,
           category_code, street_code, grid_code, 0, 1, 0, 0, 0,
           CASE WHEN extended THEN 1 ELSE 0 END, fixes, rework_count,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM c WHERE dispatched_at IS NOT NULL
    UNION ALL
    SELECT (c.dispatched_at AT TIME ZONE zone)::date, d.department_code, c.district_code,
           c.category_code, c.street_code, c.grid_code, 0, 0, d.dispatches, d.returned,
           CASE WHEN d.returned > 0 THEN 1 ELSE 0 END, 0, 0, 0,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, d.upheld, d.refused
      FROM c CROSS JOIN LATERAL (
               SELECT COALESCE(department, '') AS department_code, count(*)::INTEGER AS dispatches,
                      (count(*) FILTER (WHERE returned <> 'NONE'))::INTEGER AS returned,
                      (count(*) FILTER (WHERE returned = 'UPHELD'))::INTEGER AS upheld,
                      (count(*) FILTER (WHERE returned = 'REFUSED'))::INTEGER AS refused
                 FROM unnest(c.dispatch_departments, c.dispatch_returns) AS x(department, returned)
                GROUP BY 1) d
     WHERE c.dispatched_at IS NOT NULL
    UNION ALL
    SELECT (signed_at AT TIME ZONE zone)::date, department_code, district_code, category_code,
           street_code, grid_code, 0, 0, 0, 0, 0, 0, 0, 0,
           1, CASE WHEN sign_due_at IS NULL OR signed_at <= sign_due_at THEN 1 ELSE 0 END,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
      FROM c WHERE signed_at IS NOT NULL
    UNION ALL
    SELECT ((CASE WHEN closed_on_time THEN closed_at ELSE resolve_due_at END)
               AT TIME ZONE zone)::date,
           department_code, district_code, category_code, street_code, grid_code,
           0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           1, CASE WHEN deferred THEN 1 ELSE 0 END,
           CASE WHEN closed_at IS NOT NULL THEN 1 ELSE 0 END,
           CASE WHEN closed_on_time THEN 1 ELSE 0 END,
           CASE WHEN closed_on_time AND deferred THEN 1 ELSE 0 END,
           0, 0, 0, 0, 0, 0, 0, 0
      FROM c WHERE closed_on_time OR resolve_due_at IS NOT NULL
    UNION ALL
    SELECT (callback_at AT TIME ZONE zone)::date, department_code, district_code, category_code,
           street_code, grid_code, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
           1, CASE WHEN callback_contacted THEN 1 ELSE 0 END,
           CASE WHEN callback_resolved THEN 1 ELSE 0 END,
           CASE WHEN callback_satisfaction = 'SATISFIED' THEN 1 ELSE 0 END,
           CASE WHEN callback_satisfaction = 'BASICALLY_SATISFIED' THEN 1 ELSE 0 END, 0, 0
      FROM c WHERE callback_at IS NOT NULL
$$;

CREATE OR REPLACE FUNCTION metric_daily_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE metric_daily IN EXCLUSIVE MODE;
    DELETE FROM metric_daily;
    INSERT INTO metric_daily (day, department_code, district_code, category_code, received,
           dispatched, dispatches, returned, returned_cases, extended, reported_fixed, reworked,
           signed, signed_on_time, due, due_deferred, closed, closed_on_time,
           closed_on_time_deferred, first_contact_resolved, called, contacted, callback_resolved,
           satisfied, basically_satisfied, returns_upheld, returns_refused)
    SELECT day, department_code, district_code, category_code,
           sum(received), sum(dispatched), sum(dispatches), sum(returned), sum(returned_cases),
           sum(extended), sum(reported_fixed), sum(reworked), sum(signed), sum(signed_on_time),
           sum(due), sum(due_deferred), sum(closed), sum(closed_on_time),
           sum(closed_on_time_deferred), sum(first_contact_resolved), sum(called),
           sum(contacted), sum(callback_resolved), sum(satisfied), sum(basically_satisfied),
           sum(returns_upheld), sum(returns_refused)
      FROM metric_parts(zone)
     GROUP BY day, department_code, district_code, category_code;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

-- The counters per street and per grid from the cases' rows; answers the daily rows written.
CREATE OR REPLACE FUNCTION area_metric_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE area_metric_daily, area_metric_monthly IN EXCLUSIVE MODE;
    DELETE FROM area_metric_daily;
    DELETE FROM area_metric_monthly;
    INSERT INTO area_metric_daily (day, level, street_code, grid_code, department_code, received,
           dispatched, dispatches, returned, returned_cases, extended, reported_fixed, reworked,
           signed, signed_on_time, due, due_deferred, closed, closed_on_time,
           closed_on_time_deferred, first_contact_resolved, called, contacted, callback_resolved,
           satisfied, basically_satisfied, returns_upheld, returns_refused)
    SELECT p.day, a.level, COALESCE(p.street_code, ''), a.grid_code, a.department_code,
           sum(received), sum(dispatched), sum(dispatches), sum(returned), sum(returned_cases),
           sum(extended), sum(reported_fixed), sum(reworked), sum(signed), sum(signed_on_time),
           sum(due), sum(due_deferred), sum(closed), sum(closed_on_time),
           sum(closed_on_time_deferred), sum(first_contact_resolved), sum(called),
           sum(contacted), sum(callback_resolved), sum(satisfied), sum(basically_satisfied),
           sum(returns_upheld), sum(returns_refused)
      FROM metric_parts(zone) p
     CROSS JOIN LATERAL (VALUES ('STREET', '', ''),
                                ('STREET_DEPARTMENT', '', p.department_code),
                                ('GRID', COALESCE(p.grid_code, ''), ''))
           AS a(level, grid_code, department_code)
     GROUP BY 1, 2, 3, 4, 5;
    GET DIAGNOSTICS written = ROW_COUNT;
    INSERT INTO area_metric_monthly (month, level, street_code, grid_code, department_code,
           received, dispatched, dispatches, returned, returned_cases, extended, reported_fixed,
           reworked, signed, signed_on_time, due, due_deferred, closed, closed_on_time,
           closed_on_time_deferred, first_contact_resolved, called, contacted, callback_resolved,
           satisfied, basically_satisfied, returns_upheld, returns_refused)
    SELECT date_trunc('month', day)::date, level, street_code, grid_code, department_code,
           sum(received), sum(dispatched), sum(dispatches), sum(returned), sum(returned_cases),
           sum(extended), sum(reported_fixed), sum(reworked), sum(signed), sum(signed_on_time),
           sum(due), sum(due_deferred), sum(closed), sum(closed_on_time),
           sum(closed_on_time_deferred), sum(first_contact_resolved), sum(called),
           sum(contacted), sum(callback_resolved), sum(satisfied), sum(basically_satisfied),
           sum(returns_upheld), sum(returns_refused)
      FROM area_metric_daily
     GROUP BY 1, 2, 3, 4, 5;
    RETURN written;
END;
$$;

-- Every case's times to sign and to close, a row per measure, on the day signed or closed, with all
-- its codes: the one statement of CaseFacts.durations in SQL, which duration_rebuild and
-- area_duration_rebuild each sum by their own key.
DROP FUNCTION IF EXISTS duration_parts(TEXT);
CREATE FUNCTION duration_parts(zone TEXT) RETURNS TABLE (
    day DATE, measure TEXT, seconds BIGINT, department_code TEXT, district_code TEXT,
    category_code TEXT, street_code TEXT, grid_code TEXT
) STABLE LANGUAGE sql AS $$
    SELECT (at AT TIME ZONE zone)::date, measure, seconds, COALESCE(department_code, ''),
           COALESCE(district_code, ''), category_code, COALESCE(street_code, ''),
           COALESCE(grid_code, '')
      FROM (SELECT 'SIGN' AS measure, signed_at AS at,
                   floor(extract(epoch FROM signed_at - COALESCE(last_dispatched_at, dispatched_at)))
                       ::BIGINT AS seconds,
                   department_code, district_code, category_code, street_code, grid_code
              FROM case_deadline
             WHERE signed_at >= COALESCE(last_dispatched_at, dispatched_at)
            UNION ALL
            SELECT 'CLOSE', closed_at,
                   greatest(0, floor(extract(epoch FROM closed_at - dispatched_at)))::BIGINT,
                   department_code, district_code, category_code, street_code, grid_code
              FROM case_deadline
             WHERE closed_at IS NOT NULL AND dispatched_at IS NOT NULL) timed
$$;

CREATE OR REPLACE FUNCTION duration_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE duration_daily, duration_monthly IN EXCLUSIVE MODE;
    DELETE FROM duration_daily;
    DELETE FROM duration_monthly;
    CREATE TEMPORARY TABLE duration_part ON COMMIT DROP AS
    SELECT day, measure, d.dimension, department_code, d.code,
           width_bucket(seconds, duration_bounds()) - 1 AS bucket,
           count(*) AS cases, sum(seconds) AS seconds
      FROM duration_parts(zone) p
     CROSS JOIN LATERAL (VALUES ('DISTRICT', p.district_code),
                                ('CATEGORY', p.category_code)) AS d(dimension, code)
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

CREATE OR REPLACE FUNCTION area_duration_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE area_duration_daily, area_duration_monthly IN EXCLUSIVE MODE;
    DELETE FROM area_duration_daily;
    DELETE FROM area_duration_monthly;
    CREATE TEMPORARY TABLE area_duration_part ON COMMIT DROP AS
    SELECT day, measure, a.level, street_code, a.grid_code, a.department_code,
           width_bucket(seconds, duration_bounds()) - 1 AS bucket,
           count(*) AS cases, sum(seconds) AS seconds
      FROM duration_parts(zone) p
     CROSS JOIN LATERAL (VALUES ('STREET', '', ''),
                                ('STREET_DEPARTMENT', '', p.department_code),
                                ('GRID', p.grid_code, ''))
           AS a(level, grid_code, department_code)
     GROUP BY 1, 2, 3, 4, 5, 6, 7;
    INSERT INTO area_duration_daily (day, measure, level, street_code, grid_code,
           department_code, cases, seconds, buckets)
    SELECT day, measure, level, street_code, grid_code, department_code, sum(cases),
           sum(seconds), histogram_of(array_agg(bucket), array_agg(cases))
      FROM area_duration_part
     GROUP BY 1, 2, 3, 4, 5, 6;
    GET DIAGNOSTICS written = ROW_COUNT;
    INSERT INTO area_duration_monthly (month, measure, level, street_code, grid_code,
           department_code, cases, seconds, buckets)
    SELECT month, measure, level, street_code, grid_code, department_code, sum(cases),
           sum(seconds), histogram_of(array_agg(bucket), array_agg(cases))
      FROM (SELECT date_trunc('month', day)::date AS month, measure, level, street_code,
                   grid_code, department_code, bucket, sum(cases)::BIGINT AS cases,
                   sum(seconds) AS seconds
              FROM area_duration_part GROUP BY 1, 2, 3, 4, 5, 6, 7) m
     GROUP BY 1, 2, 3, 4, 5, 6;
    RETURN written;
END;
$$;

-- The monthly counters, summed from the daily ones.
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
           satisfied, basically_satisfied, returns_upheld, returns_refused)
    SELECT date_trunc('month', day)::date, department_code, district_code, category_code,
           sum(received), sum(dispatched), sum(dispatches), sum(returned), sum(returned_cases),
           sum(extended), sum(reported_fixed), sum(reworked), sum(signed), sum(signed_on_time),
           sum(due), sum(due_deferred), sum(closed), sum(closed_on_time),
           sum(closed_on_time_deferred), sum(first_contact_resolved), sum(called),
           sum(contacted), sum(callback_resolved), sum(satisfied), sum(basically_satisfied),
           sum(returns_upheld), sum(returns_refused)
      FROM metric_daily
     GROUP BY 1, department_code, district_code, category_code;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

-- Cases received per grid, for the hotspot map.
CREATE OR REPLACE FUNCTION hotspot_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
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

-- The whole projection from the cases' rows, every table locked first so that no consumer's change
-- falls between two of them; answers the daily counter rows written. The monthly counters are
-- summed from the daily ones just written, by a statement that runs after theirs.
CREATE OR REPLACE FUNCTION metrics_rebuild(zone TEXT) RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE metric_daily, metric_monthly, duration_daily, duration_monthly, hotspot_daily,
               hotspot_monthly, area_metric_daily, area_metric_monthly, area_duration_daily,
               area_duration_monthly IN EXCLUSIVE MODE;
    written := metric_daily_rebuild(zone);
    PERFORM metric_monthly_from_daily();
    PERFORM duration_rebuild(zone);
    PERFORM hotspot_rebuild(zone);
    PERFORM area_metric_rebuild(zone);
    PERFORM area_duration_rebuild(zone);
    RETURN written;
END;
$$;

SELECT metrics_rebuild('${city_zone}');
