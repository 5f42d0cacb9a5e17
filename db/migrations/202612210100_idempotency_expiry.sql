-- Answers kept for Idempotency-Key retries expire after a day (src/server/idempotency.ts); this
-- index lets the periodic sweep find the expired ones without reading the rest.
create index idempotency_record_created_at on idempotency_record (created_at);
