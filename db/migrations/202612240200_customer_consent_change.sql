-- Proof of consent: a customer's consent_email, consent_sms and consent_profiling say yes, no or
-- unknown, but not since when nor who said so, so a shop could not show when a person agreed or
-- withdrew. Each time one of them actually changes value, one row is appended here, in the
-- transaction of the change: by a customers import or API ingest batch (source import or ingest,
-- with its run), by a staff edit (staff, with its actor), or by a merge (merge). Rows are never
-- updated; the latest per (customer_id, kind) says since when and through what the stored value
-- holds. They go with their customer (on delete cascade), as the consent itself does.
create table customer_consent_change (
  customer_id bigint not null constraint customer_consent_change_customer_fkey references customer (customer_id) on delete cascade,
  kind text not null constraint customer_consent_change_kind_check check (kind in ('email', 'sms', 'profiling')),
  -- null: the answer was cleared (never asked again)
  granted boolean,
  changed_at timestamptz not null,
  source text not null constraint customer_consent_change_source_check check (source in ('import', 'ingest', 'staff', 'merge')),
  import_run_id bigint null,
  actor text null
);

create index customer_consent_change_customer_kind_idx on customer_consent_change (customer_id, kind, changed_at);
