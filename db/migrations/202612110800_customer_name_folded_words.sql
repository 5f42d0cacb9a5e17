-- Customer search folds accents: a Latvian agent types "Janis Berzins" for
-- "Jānis Bērziņš", a caller spells a name without its diacritics, and either
-- way the words index must find it. Not unaccent: it is not immutable, so no
-- index can use it, and PGlite has it only as an extension each store would
-- have to load when it opens. fold_accents decomposes the text (NFD), drops
-- the combining marks (U+0300–U+036F) and folds the few letters Unicode does
-- not decompose (Đ, Ħ, ı, Ł, Ø, Ŧ). foldAccents in src/customers/name-search.ts
-- does the same to the search text, and a test compares the two letter by letter.
-- A plain-ASCII name, most names in most stores, has nothing to fold and is
-- returned at once: the search rechecks every row the index finds, and the
-- fold costs about as much again as to_tsvector.
create function fold_accents(text) returns text
language sql immutable strict parallel safe
return case when octet_length($1) = length($1) then $1
  else translate(regexp_replace(normalize($1, NFD), '[\u0300-\u036f]', '', 'g'), 'ĐđĦħıŁłØøŦŧ', 'DdHhiLlOoTt') end;

-- The words index again, over the folded name: src/customers/list-customers.ts
-- writes the same expression, which the index must match exactly to be used.
-- The same name, so what reads or drops it by name (bench/customer-search.ts)
-- still finds it.
drop index customer_name_words_idx;
create index customer_name_words_idx on customer using gin (to_tsvector('simple', fold_accents(coalesce(name, ''))));
