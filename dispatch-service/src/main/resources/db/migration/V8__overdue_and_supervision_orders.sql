-- Overdue cases and their supervision orders (督办单), shown in the department's queue.
ALTER TABLE dispatch_case
    ADD COLUMN overdue_since        TIMESTAMPTZ,
    ADD COLUMN supervision_order_id UUID,
    ADD COLUMN order_respond_by     TIMESTAMPTZ;
