-- RFM rows name the last purchase day instead of counting the days since it,
-- so a daily analysis rewrites only the customers whose scores or figures
-- moved, as customer types do (the R score ranks last purchase days, which do
-- not move with the calendar). The customer_rfm view works out the days since
-- as of the latest analysis that scored RFM, so every reader sees what it saw.

alter table analysis_run add column rfm_scored integer;
update analysis_run set rfm_scored = (counts ->> 'rfmScored')::int where counts ? 'rfmScored';

alter table customer_rfm rename to customer_rfm_score;
alter table customer_rfm_score rename constraint customer_rfm_pkey to customer_rfm_score_pkey;
alter index customer_rfm_segment_idx rename to customer_rfm_score_segment_idx;
alter table customer_rfm_score add column last_purchase_day date;
update customer_rfm_score s set last_purchase_day = r.as_of_day - s.recency_days
from (select distinct on (as_of) as_of, as_of_day from analysis_run order by as_of, run_id desc) r
where r.as_of = s.as_of;
-- rows no run accounts for are made again by the next analysis
delete from customer_rfm_score where last_purchase_day is null;
alter table customer_rfm_score alter column last_purchase_day set not null;
alter table customer_rfm_score drop column recency_days, drop column as_of;

create view customer_rfm as
select s.customer_id, run.as_of, run.as_of_day - s.last_purchase_day as recency_days, s.frequency, s.monetary_minor,
  s.r_score, s.f_score, s.m_score, s.segment, s.last_purchase_day
from customer_rfm_score s
cross join (select as_of, as_of_day from analysis_run where rfm_scored is not null order by run_id desc limit 1) run;
