-- A case the hotline answered and closed on the call (首接办结) keeps the answer given and who gave
-- it; its status is CLOSED_AT_FIRST_CONTACT and dispatch never sees it routed.
ALTER TABLE case_record
    ADD COLUMN answer_on_call TEXT,
    ADD COLUMN answered_by    TEXT,
    ADD CONSTRAINT case_record_answer_names_who_gave_it CHECK (
        (answer_on_call IS NULL) = (answered_by IS NULL));

-- The hotline's callbacks to citizens after closure (回访), one or more per case. A citizen not
-- reached gives no verdict; one reached gives both.
CREATE TABLE case_callback (
    id               UUID PRIMARY KEY,
    case_id          UUID NOT NULL REFERENCES case_record (id),
    contacted        BOOLEAN NOT NULL,
    resolved         BOOLEAN,
    satisfaction     TEXT CHECK (satisfaction IN ('SATISFIED', 'BASICALLY_SATISFIED', 'DISSATISFIED')),
    comment          TEXT,
    reopen_requested BOOLEAN NOT NULL,
    department_code  TEXT,
    recorded_by      TEXT NOT NULL,
    recorded_at      TIMESTAMPTZ NOT NULL,
    CONSTRAINT case_callback_verdict_only_when_contacted CHECK (
        (contacted AND resolved IS NOT NULL AND satisfaction IS NOT NULL)
        OR (NOT contacted AND resolved IS NULL AND satisfaction IS NULL AND NOT reopen_requested))
);
CREATE INDEX case_callback_case ON case_callback (case_id, recorded_at);
