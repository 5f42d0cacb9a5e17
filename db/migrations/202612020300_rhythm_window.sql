-- Each customer's VIP window sums (revenue and purchase days in the last
-- windowDays days) as of a day, kept with the rhythm: the sums stay the same
-- for every later as-of day until the earliest purchase day in the window
-- leaves it (window_until), and a customer's row goes altogether when their
-- purchase days change. A daily analysis then works out only the windows that
-- moved (about one customer in a few hundred a day) instead of summing every
-- purchase day of the last year.
alter table customer_rhythm
  add column window_days integer,
  add column window_as_of date,
  add column window_until date,
  add column window_revenue bigint,
  add column window_day_count integer;
