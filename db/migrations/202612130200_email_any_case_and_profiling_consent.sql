-- A segment condition on email compares it regardless of case, as every text
-- condition does: lower(email) = ..., which customer_email_idx (on email as
-- written) cannot answer, so `email eq "ana@example.com"` read every customer
-- row (100k customers: a sequential scan of the whole table). Segment queries
-- always leave out customers merged away, so the index does too.
create index customer_email_any_case_idx on customer (lower(email))
  where merged_into_customer_id is null;

-- GET /api/personas counts, on every call, the buyers left out of personas for
-- want of profiling consent and each persona's members who still agree. Both
-- read every customer row (the table is wide: names, attributes) to learn two
-- things: merged away or not, and the consent. These two indexes split the
-- customers not merged away by consent, so each count reads only the narrow
-- index of the side it needs (index-only: customer rows change only when
-- customer files are imported or customers are edited or merged, so the
-- visibility map stays mostly set). Consent is rarely changed, so keeping the
-- indexes costs little on writes.
create index customer_profiling_consent_idx on customer (customer_id)
  where merged_into_customer_id is null and consent_profiling is true;
create index customer_without_profiling_consent_idx on customer (customer_id)
  where merged_into_customer_id is null and consent_profiling is not true;
