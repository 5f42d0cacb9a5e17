-- BG/NBD lets a customer drop out only after a repeat purchase, so it gives every
-- one-time buyer P(alive) = 1 and churn risk "low" however long they have been
-- silent: a customer shown as lapsed read "100% still active, low churn risk"
-- beside it (CDNOW: all 12,054 one-time buyers). Such a customer's P(alive) and
-- churn risk are now not estimated (null); Pareto/NBD, which does estimate them,
-- keeps its values. Existing BG/NBD predictions of one-time buyers are cleared
-- the same way.
alter table customer_prediction alter column p_alive drop not null;
alter table customer_prediction alter column churn_risk drop not null;
update customer_prediction p set p_alive = null, churn_risk = null
from model_fit f
where f.model_fit_id = p.model_fit_id and f.model = 'bgnbd'
  and (select count(*) from customer_purchase_day d where d.customer_id = p.customer_id and d.day <= p.as_of) < 2;
