-- Email identities are now keyed in Unicode NFC, without zero-width characters
-- (src/customers/identity.ts normaliseEmail): an address typed with a combining
-- diaeresis (NFD, as macOS and some web forms send it) and the same address
-- typed precomposed are one mailbox. Stored keys are rewritten the same way so
-- they keep matching what imports and lookups now produce.
--
-- Skipped, keeping their old key: a rewrite that would land on a key another
-- identity already holds, and all but the oldest of several keys that become
-- one. Those are two customers who may be one person; joining them is a merge
-- (`clientele customers merge`, audited and undoable), not a migration's call.
-- Punycode domains (xn--…) are not rewritten to Unicode: PostgreSQL has no
-- punycode decoder, and such stored keys are rare.

create temporary table email_identity_rewrite (old_value text primary key, new_value text not null);

insert into email_identity_rewrite (old_value, new_value)
select value, normalised
from (
  select value, normalised, row_number() over (partition by normalised order by created_at, value) as position
  from (
    select value, created_at, normalize(btrim(regexp_replace(value, '[\u200B-\u200D\u2060\uFEFF]', '', 'g')), NFC) as normalised
    from customer_identity
    where kind = 'email'
  ) candidate
  where normalised <> value and normalised <> ''
) ranked
where position = 1
  and not exists (select 1 from customer_identity taken where taken.kind = 'email' and taken.namespace = '' and taken.value = ranked.normalised);

update customer_identity i set value = r.new_value
from email_identity_rewrite r
where i.kind = 'email' and i.namespace = '' and i.value = r.old_value;

-- A merge not yet undone names the identities it moved; undo finds them by value.
update customer_merge m set moved = jsonb_set(m.moved, '{identities}', (
  select jsonb_agg(case when r.new_value is null then e.item else jsonb_set(e.item, '{value}', to_jsonb(r.new_value)) end order by e.position)
  from jsonb_array_elements(m.moved -> 'identities') with ordinality as e(item, position)
  left join email_identity_rewrite r on e.item ->> 'kind' = 'email' and r.old_value = e.item ->> 'value'))
where m.undone_at is null
  and jsonb_typeof(m.moved -> 'identities') = 'array'
  and exists (
    select 1 from jsonb_array_elements(m.moved -> 'identities') e(item)
    join email_identity_rewrite r on e.item ->> 'kind' = 'email' and r.old_value = e.item ->> 'value');

-- The profile's email is shown, not matched: written the same way so a re-import does not count as a change.
update customer set email = normalize(btrim(regexp_replace(email, '[\u200B-\u200D\u2060\uFEFF]', '', 'g')), NFC)
where email is not null and email <> normalize(btrim(regexp_replace(email, '[\u200B-\u200D\u2060\uFEFF]', '', 'g')), NFC);

drop table email_identity_rewrite;
