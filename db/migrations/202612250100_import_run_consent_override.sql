-- A customers import may be the consent authority (the CLI's --consent-overrides-refusals, an API
-- batch's consentOverridesRefusals): its yes then replaces a consent the customer refused. Only
-- owners, admins and admin-scope keys may do that (consent:override); this records on the run that
-- it did, set by the run's start (a file import) or by its first batch sent so (an API batch), so a
-- refusal overridden by an import can be traced to the run, its starter and the audit log's
-- consent.override entries. Runs from before it read false, whether or not they overrode: that was not recorded.
alter table import_run add column consent_overrides_refusals boolean not null default false;
