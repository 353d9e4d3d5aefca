-- Cases intake merged into another that reports the same problem (合并). Kept so that a merge read
-- before the merged case's own events still keeps its clock from starting when they arrive.
CREATE TABLE case_merge (
    case_id           UUID PRIMARY KEY,
    surviving_case_id UUID NOT NULL,
    merged_at         TIMESTAMPTZ NOT NULL
);
