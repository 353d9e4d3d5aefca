-- A supervision order is issued only by the timers, for a case they hold locked in the same
-- transaction, and no case row is ever deleted: the foreign key to case_deadline guarded nothing,
-- yet checked and key-share-locked the case's row once per order (in a storm of breaches the
-- orders were a fifth of the time in the server, the second costliest statement). The index on
-- case_id served only that key: no query looks orders up by case (the order list joins the cases
-- from the orders' side).
ALTER TABLE supervision_order DROP CONSTRAINT supervision_order_case_id_fkey;
DROP INDEX supervision_order_case;
