-- An external id is stored as its system wrote it ("LC-0068-890246"), and an agent types it as
-- they read it out: "lc0068890246", "LC 0068 890246", "lc.0068/890246". Trying variants of the
-- typed text (case, separators removed) can take separators away but never put back the ones the
-- stored id has, so the lookup and the search compare both sides folded instead, through this
-- index. src/customers/customers.queries.ts and search-identities.ts write the same expression,
-- which the index must match exactly to be used.
--
-- The fold drops what people and systems put between groups of an id's characters and never
-- tells two ids of one system apart on its own: spaces (with the no-break, figure and narrow
-- no-break spaces a copied number carries), dashes (hyphen-minus and the Unicode hyphens and
-- dashes a word processor makes of it), dots, slashes and underscores. Colons, commas, '#' and '+'
-- stay: the CLI writes an id as namespace:value, a comma separates a list, and '#' and '+' lead a
-- customer number and a phone. Ids of two customers that fold alike are refused as ambiguous, and
-- an id stored exactly as asked wins, so the fold only decides between ids no one could tell apart.
--
-- lower() under the "C" collation changes only ASCII letters, on every store alike: a server's own
-- collation would otherwise fold "Ä" on one store and not on another. The code also tries the text's
-- upper and lower case, so an id in one case of other letters is still found, as before.
-- translate() deletes the characters it has no replacement for, at a fraction of regexp_replace's
-- cost. Not STRICT, so PostgreSQL inlines it into the index's expression and the queries' alike
-- (202612140400); NULL gives NULL.
create function external_id_folded(text) returns text
language sql immutable parallel safe
return lower(translate($1 collate "C", E' \t\n\r\u00A0\u2007\u202F-\u2010\u2011\u2012\u2013\u2014\u2212./_', ''));

-- Only external ids: emails and phones are normalised on write and looked up exactly. Led by the
-- namespace, as a lookup names its system and the search walks the few systems (a loose index scan).
-- An index on the expression, not a generated column: both cost an import the same to write (240k
-- external ids, as many as 100k synthetic customers carry, written in 5,000-row statements: server 1.38–1.69 s
-- bare, 2.24–2.32 s with this index, 2.06–2.35 s with a generated column and its index; PGlite
-- 2.61–2.68, 3.51–3.86 and 3.58–3.78 s; whole `clientele import customers` runs differ by less than
-- their noise, 18–20 s on the server and 31–32 s on PGlite), but the column widens every identity
-- row (customer_identity 31.2 MB → 39.0 MB at 100k customers) for a value only this index reads,
-- and would be one more column for src/db/schema.ts to declare.
create index customer_identity_external_folded_idx on customer_identity (namespace, external_id_folded(value))
  where kind = 'external';
