-- The trace an event was announced in (W3C traceparent), sent with it as a Kafka header so that a
-- case's trace continues in the consumers. Nullable: rows written without tracing, or by an
-- instance of the previous version during a rolling update, simply carry none.
ALTER TABLE outbox_event ADD COLUMN trace_context TEXT;
