-- Referrals (移交权属单位): a department found that the asset of a case is another department's and
-- sent the case to that owner. Kept apart from returns, which count against the routing; a referral
-- counts against nobody. The key answers a retried referral after the case has left the department.
CREATE TABLE case_referral (
    id                    UUID PRIMARY KEY,
    case_id               UUID NOT NULL REFERENCES dispatch_case (case_id),
    department_code       TEXT NOT NULL,
    owner_code            TEXT NOT NULL,
    asset_code            TEXT NOT NULL,
    registered_owner_code TEXT,
    reason                TEXT NOT NULL,
    referred_by           TEXT NOT NULL,
    referred_at           TIMESTAMPTZ NOT NULL,
    idempotency_key       TEXT UNIQUE
);
CREATE INDEX case_referral_case ON case_referral (case_id);
