-- Customer search and the name sort, as a support agent types names.
--
-- Apostrophes: "obrien" must find "John O'Brien" and "o'brien" must find "Jon
-- OBrien", whichever apostrophe the name was written with (' ’ ‘ ʼ ` ´). The
-- search side drops them from the words it looks for (nameWordsQuery in
-- src/customers/name-search.ts); the name side keeps two readings of such a
-- name: its words apart ("O Brien", so "brien" still finds it) and run together
-- ("OBrien"). Hyphens, the typographic ones too, part words as spaces do:
-- "mary jane" finds "Mary-Jane" (the text-search parser parts only the ASCII
-- hyphen, and where the store's ctype is plain C it reads any non-ASCII character as a letter).
-- A name with neither, most names, is only accent-folded, as before.
create function name_search_text(text) returns text
language sql immutable strict parallel safe
return case when $1 !~ '[''’‘ʼ`´‐‑‒–—-]' then fold_accents($1)
  else regexp_replace(fold_accents($1), '[''’‘ʼ`´‐‑‒–—-]', ' ', 'g') || ' ' || regexp_replace(fold_accents($1), '[''’‘ʼ`´]', '', 'g') end;

-- Rebuilding the words index reads every name again, so existing customers are
-- found the new way at once. src/customers/list-customers.ts writes the same
-- expression, which the index must match exactly to be used; the same index name
-- so what reads or drops it by name (bench/customer-search.ts) still finds it.
drop index customer_name_words_idx;
create index customer_name_words_idx on customer using gin (to_tsvector('simple', name_search_text(coalesce(name, ''))));

-- The name sort reads names accent-folded, so "Ēriks" sorts among the E's and not
-- after "Siti": the folded lower-case name, then the name as written (so "Eriks"
-- and "Ēriks" always come in one order), then the id. One text key, the two joined
-- by U+0001, which sorts below every character a name holds, so the keyset cursor
-- stays one value; compared byte by byte (collate "C") so the order of the joined
-- key is the order of its parts in every store. Empty for the nameless, who come
-- last (src/customers/customer-sorts.ts writes the same expression).
drop index customer_sort_name_idx;
create index customer_sort_name_idx on customer
  ((coalesce((lower(fold_accents(nullif(name, ''))) || E'\x01' || name) collate "C", '')), customer_id)
  where merged_into_customer_id is null;
