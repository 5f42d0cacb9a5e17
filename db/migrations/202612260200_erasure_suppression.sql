-- A person erased asked to be forgotten; a shop's feed still holding them would otherwise bring them
-- back as a new customer whose feed "yes" makes them contactable again. On erasure their email and
-- phone (normalised, E.164) are kept here only as HMAC-SHA-256 digests keyed by a secret of the store
-- (store_setting 'erasure_suppression_key'), so the table cannot be reversed by hashing a list of
-- emails without the store; no name, no customer id, no other value of theirs. A customer created or
-- given an identity matching one has their consents recorded as refused, with source 'suppression'.
create table erasure_suppression (
  digest bytea primary key,
  kind text not null constraint erasure_suppression_kind_check check (kind in ('email', 'phone')),
  erased_at timestamptz not null default now()
);

alter table customer_consent_change drop constraint customer_consent_change_source_check;
alter table customer_consent_change add constraint customer_consent_change_source_check
  check (source in ('import', 'ingest', 'staff', 'merge', 'unmerge', 'suppression'));
