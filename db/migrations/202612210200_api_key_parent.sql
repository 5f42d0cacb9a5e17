-- The key that made a key (null when a person or the shell made it): revoking a key revokes the
-- keys it made with it (src/auth/api-keys.service.ts revokeApiKey), so a leaked key cannot leave
-- behind a copy of itself, and the audit log can trace one key to the other. Keys made before this
-- migration have no parent recorded. The index serves that revoke's look-up of a key's children.
alter table api_key add column created_by_key bigint references api_key (api_key_id);
create index api_key_created_by_key_idx on api_key (created_by_key) where created_by_key is not null;
