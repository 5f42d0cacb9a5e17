-- The customer list's city filter folds accents as well as case: a shop in Riga
-- types "riga" for "Rīga", "liepaja" for "Liepāja" (the name search already
-- folds them, 202612110800_customer_name_folded_words). src/customers/list-customers.ts
-- writes the same expression, which this index must match exactly to be used:
-- fold first, then lower, as lower() changes only ASCII letters in a C-collated
-- store and the folded city mostly is ASCII. It replaces the lower(city) index
-- of 202611301300_web_speed, which nothing reads any more (segment conditions
-- have their own, 202612120100_segment_city_any_case).
create index customer_city_folded_idx on customer (lower(fold_accents(city)));

drop index customer_city_idx;

-- Segment conditions on city fold accents the same way now (src/segments/compile-comparison.ts),
-- so their covering index of 202612120100 is rebuilt on the folded city: without it a preview
-- reads every matching customer row again (290-510 ms against 32-97 ms for the typical segment at
-- 100k customers, measured there).
create index customer_segment_city_folded_idx on customer (lower(fold_accents(city)), birth_year) include (customer_id, city)
  where merged_into_customer_id is null;

drop index customer_segment_city_any_case_idx;
