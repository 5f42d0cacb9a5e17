-- The sentence behind each type ("VIP: revenue in the last 365 days …") is made
-- from the type's numbers when it is read (src/analytics/type-reasons.ts), as
-- the web app already made it in the reader's language. Storing it as well cost
-- 45% of every customer_type row (the one-line explanation and the same
-- sentences again per type) and a quarter of a first analysis's type work.
-- History spells keep their numbers, from which their sentence is made the same
-- way. Rows keep their basis: the next analysis finds every basis changed (the
-- rules' signature no longer holds wording) and writes each row again, adding
-- the figures the sentences now read from the numbers (pAliveBelow, vipBy).

-- What only the words said goes into the numbers first: how a VIP was judged
-- (by revenue or by purchase days) and the P(alive) threshold a lapsed customer
-- was below, so rows written before keep their full sentences.
update customer_type
set numbers = jsonb_set(numbers, '{vip,vipBy}', to_jsonb(case when reasons ->> 'vip' like 'VIP: revenue%' then 'revenue' else 'frequency' end))
where jsonb_typeof(numbers -> 'vip') = 'object' and reasons ? 'vip';
update customer_type
set numbers = jsonb_set(numbers, '{lapsed,pAliveBelow}', to_jsonb(substring(reasons ->> 'lapsed' from '\(below ([0-9.]+)%\)')::numeric / 100))
where jsonb_typeof(numbers -> 'lapsed') = 'object' and reasons ->> 'lapsed' ~ '\(below [0-9.]+%\)';
update customer_type_history
set numbers = numbers || jsonb_build_object('vipBy', case when reason like 'VIP: revenue%' then 'revenue' else 'frequency' end)
where type = 'vip' and jsonb_typeof(numbers) = 'object';
update customer_type_history
set numbers = numbers || jsonb_build_object('pAliveBelow', substring(reason from '\(below ([0-9.]+)%\)')::numeric / 100)
where type = 'lapsed' and jsonb_typeof(numbers) = 'object' and reason ~ '\(below [0-9.]+%\)';

alter table customer_type drop column explanation, drop column reasons;
alter table customer_type_history drop column reason;
