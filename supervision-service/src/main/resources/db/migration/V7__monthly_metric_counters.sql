-- The daily counters summed per month as well, kept in the same transaction: a month of a big
-- city is some 200,000 daily rows but only some 10,000 monthly ones, and a dashboard's month (or
-- year) must answer in well under a second. Periods read whole months here and the days at their
-- edges from metric_daily.
CREATE TABLE metric_monthly (LIKE metric_daily INCLUDING DEFAULTS);
ALTER TABLE metric_monthly RENAME COLUMN day TO month;
ALTER TABLE metric_monthly ADD PRIMARY KEY (month, department_code, district_code, category_code);

CREATE FUNCTION metric_monthly_from_daily() RETURNS BIGINT LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE metric_monthly IN EXCLUSIVE MODE;
    DELETE FROM metric_monthly;
    INSERT INTO metric_monthly
    SELECT date_trunc('month', day)::date, department_code, district_code, category_code,
           sum(received), sum(dispatched), sum(dispatches), sum(returned), sum(returned_cases),
           sum(extended), sum(reported_fixed), sum(reworked), sum(signed), sum(signed_on_time),
           sum(due), sum(due_deferred), sum(closed), sum(closed_on_time),
           sum(closed_on_time_deferred)
      FROM metric_daily
     GROUP BY 1, department_code, district_code, category_code;
    GET DIAGNOSTICS written = ROW_COUNT;
    RETURN written;
END;
$$;

SELECT metric_monthly_from_daily();
