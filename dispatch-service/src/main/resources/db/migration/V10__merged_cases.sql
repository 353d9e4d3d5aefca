-- Cases intake merged into another that reports the same problem (合并). Kept so that a merge read
-- before the merged case's own report (another partition of intake's topic) still keeps that case
-- out of the queues when its report arrives.
CREATE TABLE case_merge (
    case_id               UUID PRIMARY KEY,
    surviving_case_id     UUID NOT NULL,
    surviving_case_number TEXT NOT NULL,
    merged_by             TEXT NOT NULL,
    merged_at             TIMESTAMPTZ NOT NULL
);
