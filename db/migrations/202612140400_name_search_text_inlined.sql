-- name_search_text (202612140300) declared STRICT, and PostgreSQL does not inline a
-- strict SQL function whose body is not itself strict (a CASE): every call went through
-- the SQL-function executor, about 17 µs a name. Searches recheck the function on each
-- matching row, so a common surname's page went from 34 to 85 ms at 100k customers and
-- the words index cost twice as much to write (docs/benchmarks.md, stop 32). Without
-- STRICT the same body is inlined (100k names: 2.0 s → 0.39 s, against 0.23 s for
-- fold_accents alone). It gives the same value for every input, NULL included (the CASE
-- then takes its second branch, whose regexp_replace of NULL is NULL), so the words index
-- built over it stays valid and is not rebuilt; the planner inlines the function in the
-- index's expression and in the query's alike, so the index still matches.
create or replace function name_search_text(text) returns text
language sql immutable parallel safe
return case when $1 !~ '[''’‘ʼ`´‐‑‒–—-]' then fold_accents($1)
  else regexp_replace(fold_accents($1), '[''’‘ʼ`´‐‑‒–—-]', ' ', 'g') || ' ' || regexp_replace(fold_accents($1), '[''’‘ʼ`´]', '', 'g') end;
