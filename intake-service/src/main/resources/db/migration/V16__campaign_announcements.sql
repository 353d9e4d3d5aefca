-- What intake last announced of each launched campaign, for the leadership dashboard that
-- supervision keeps: its progress is announced when it changed, at most once per reporting
-- interval (not once per item), and its end once.
CREATE TABLE campaign_announced (
    campaign_id    UUID PRIMARY KEY REFERENCES campaign (id),
    in_scope       BIGINT NOT NULL,
    inspected      BIGINT NOT NULL,
    defects        BIGINT NOT NULL,
    rectified      BIGINT NOT NULL,
    overdue        BIGINT NOT NULL,
    blind_spots    BIGINT NOT NULL,
    progress_as_of TIMESTAMPTZ NOT NULL,
    -- When its end was announced; the campaigns still reported on have none.
    ended_at       TIMESTAMPTZ
);

CREATE INDEX campaign_announced_running ON campaign_announced (campaign_id) WHERE ended_at IS NULL;
