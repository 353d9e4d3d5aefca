-- Returns (退单) are charged to the department that returned the case, and what the dispatcher made
-- of each return is kept: upheld when the case was placed with another department (the dispatch was a
-- routing error, against dispatch accuracy), refused when it was sent back to the department that
-- returned it (against the returner). Each case keeps its dispatches in order: the department of each,
-- and what became of it (NONE, PENDING until the case is placed again, UPHELD or REFUSED).
ALTER TABLE case_deadline
    ADD COLUMN dispatch_departments TEXT[] NOT NULL DEFAULT '{}',
    ADD COLUMN dispatch_returns     TEXT[] NOT NULL DEFAULT '{}';

-- Cases followed before: which department returned them was not recorded. Their dispatches stay
-- with the department that has the case now, as they were counted, and their returns count as
-- upheld, as the accurate-dispatch rate counted them.
UPDATE case_deadline SET
    dispatch_departments = array_fill(department_code, ARRAY[dispatches]),
    dispatch_returns = array_fill('UPHELD'::TEXT, ARRAY[LEAST(returns, dispatches)])
        || array_fill('NONE'::TEXT, ARRAY[dispatches - LEAST(returns, dispatches)])
 WHERE dispatches > 0 AND department_code IS NOT NULL;

ALTER TABLE case_deadline ADD CONSTRAINT case_deadline_dispatch_history CHECK (
    cardinality(dispatch_departments) = cardinality(dispatch_returns)
    AND dispatch_returns <@ ARRAY['NONE', 'PENDING', 'UPHELD', 'REFUSED']);

ALTER TABLE metric_daily
    ADD COLUMN returns_upheld  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN returns_refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE metric_monthly
    ADD COLUMN returns_upheld  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN returns_refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE area_metric_daily
    ADD COLUMN returns_upheld  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN returns_refused INTEGER NOT NULL DEFAULT 0;
ALTER TABLE area_metric_monthly
    ADD COLUMN returns_upheld  INTEGER NOT NULL DEFAULT 0,
    ADD COLUMN returns_refused INTEGER NOT NULL DEFAULT 0;

-- The projection is rebuilt with the new columns by the repeatable migration of its functions,
-- which runs after this one.
