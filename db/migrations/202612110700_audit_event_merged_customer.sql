-- A merge and its undo are filed in the audit log under the kept customer; the
-- customer merged away (or restored) is only in the entry's detail, so asking
-- the log about that customer found nothing. The entity-id filter now reads
-- the detail too, and this index keeps that reading from scanning the log.
-- Entries written before it already carry these keys: nothing to backfill.
create index audit_event_merged_customer_idx on audit_event ((coalesce(detail->>'mergedCustomerId', detail->>'restoredCustomerId')))
  where action in ('customer.merge', 'customer.merge.undo');
