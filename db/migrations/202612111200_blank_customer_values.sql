-- A blank text is no value (src/customers/customers.schemas.ts). Before, the API
-- stored an emptied email or phone as "" and made it an identity: the first
-- customer saved with a blank email owned the key "", and every later one was
-- refused as "already belongs to customer #…". A blank name or city was kept as
-- "" too, and shown as an empty name. Such keys are removed and such fields set
-- to null. A key counts as blank as normaliseEmail reads it: nothing left once
-- whitespace and zero-width characters are dropped.

create function pg_temp.is_blank(text) returns boolean language sql immutable
as $$ select $1 ~ '^[\s\u200B-\u200D\u2060\uFEFF]*$' $$;

delete from customer_identity
where pg_temp.is_blank(value);

-- A merge not yet undone names the identities it moved and undo counts them: a
-- removed blank key would read as a fact gone missing and block the undo.
update customer_merge m set moved = jsonb_set(m.moved, '{identities}', coalesce((
  select jsonb_agg(e.item order by e.position)
  from jsonb_array_elements(m.moved -> 'identities') with ordinality as e(item, position)
  where not pg_temp.is_blank(e.item ->> 'value')), '[]'::jsonb))
where m.undone_at is null
  and jsonb_typeof(m.moved -> 'identities') = 'array'
  and exists (
    select 1 from jsonb_array_elements(m.moved -> 'identities') e(item)
    where pg_temp.is_blank(e.item ->> 'value'));

update customer set
  name = case when pg_temp.is_blank(name) then null else name end,
  email = case when pg_temp.is_blank(email) then null else email end,
  phone = case when pg_temp.is_blank(phone) then null else phone end,
  gender = case when pg_temp.is_blank(gender) then null else gender end,
  city = case when pg_temp.is_blank(city) then null else city end,
  region = case when pg_temp.is_blank(region) then null else region end,
  income_band = case when pg_temp.is_blank(income_band) then null else income_band end
where pg_temp.is_blank(name)
  or pg_temp.is_blank(email)
  or pg_temp.is_blank(phone)
  or pg_temp.is_blank(gender)
  or pg_temp.is_blank(city)
  or pg_temp.is_blank(region)
  or pg_temp.is_blank(income_band);

drop function pg_temp.is_blank(text);
