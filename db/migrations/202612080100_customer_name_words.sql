-- Customer search by any word of the name: staff look people up by family name
-- ("Gunawan" for "Joko Gunawan") and companies by their distinctive word ("Sinar"
-- for "PT Sinar Harapan 708, Tbk"), which the start-of-name index
-- (customer_name_idx) cannot find. The 'simple' configuration lowercases and splits
-- words without stemming or stop words, so a name is found by what was typed, in
-- any language. src/customers/list-customers.ts writes the same expression, which
-- the index must match exactly to be used.
create index customer_name_words_idx on customer using gin (to_tsvector('simple', coalesce(name, '')));
