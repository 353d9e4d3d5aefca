-- Extensions (延期) and parking (挂账) a department asks for and a dispatcher decides.
CREATE TABLE approval_request (
    id              UUID PRIMARY KEY,
    case_id         UUID NOT NULL REFERENCES dispatch_case (case_id),
    kind            TEXT NOT NULL CHECK (kind IN ('EXTENSION', 'PARKING')),
    status          TEXT NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'REFUSED', 'WITHDRAWN')),
    department_code TEXT NOT NULL,
    reason          TEXT NOT NULL,
    until           TIMESTAMPTZ,
    requested_by    TEXT NOT NULL,
    requested_at    TIMESTAMPTZ NOT NULL,
    decided_by      TEXT,
    decision_reason TEXT,
    decided_at      TIMESTAMPTZ
);
-- At most one open request per case.
CREATE UNIQUE INDEX approval_request_one_pending ON approval_request (case_id) WHERE status = 'PENDING';
CREATE INDEX approval_request_status ON approval_request (status, requested_at);

ALTER TABLE dispatch_case ADD COLUMN extended_until TIMESTAMPTZ;
