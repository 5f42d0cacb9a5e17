-- Undoing a merge puts back the consents the merge changed, and is a change of its own: it is
-- recorded as source 'unmerge' (before it, the latest row still said the merge's refusal while the
-- customer's consent was yes again). Changes made in one transaction share their changed_at
-- (now()), so a merge and its undo, or an edit and a merge in one transaction, tied; change_id
-- orders the rows as they were appended.
alter table customer_consent_change drop constraint customer_consent_change_source_check;
alter table customer_consent_change add constraint customer_consent_change_source_check
  check (source in ('import', 'ingest', 'staff', 'merge', 'unmerge'));
alter table customer_consent_change add column change_id bigint generated always as identity;
