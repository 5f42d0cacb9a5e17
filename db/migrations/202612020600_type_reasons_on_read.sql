-- The sentence behind each type ("VIP: revenue in the last 365 days …") is made
-- from the type's numbers when it is read (src/analytics/type-reasons.ts), as
-- the web app already made it in the reader's language. Storing it as well cost
-- 45% of every customer_type row (the one-line explanation and the same
-- sentences again per type) and a quarter of a first analysis's type work.
-- History spells keep their numbers, from which their sentence is made the same
-- way. Rows keep their basis: the next analysis finds every basis changed (the
-- rules' signature no longer holds wording) and writes each row again, adding
-- the figures the sentences now read from the numbers (pAliveBelow, vipBy).
alter table customer_type drop column explanation, drop column reasons;
alter table customer_type_history drop column reason;
