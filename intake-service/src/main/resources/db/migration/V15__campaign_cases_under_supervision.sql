-- What supervision says of a campaign item's case, as its events on the supervision topic tell
-- intake: the deadline it set, when it declared the case overdue, and the latest supervision order
-- with the step of the escalation ladder its department had reached. Progress counts a defect as
-- overdue on supervision's word, and the weekly bulletin names the orders and steps.
ALTER TABLE campaign_item
    ADD COLUMN rectify_due_at   TIMESTAMPTZ,
    ADD COLUMN overdue_at       TIMESTAMPTZ,
    ADD COLUMN order_id         UUID,
    ADD COLUMN order_issued_at  TIMESTAMPTZ,
    ADD COLUMN order_respond_by TIMESTAMPTZ,
    ADD COLUMN escalation_step  TEXT;
