-- A customer's lifetime value is discounted (models predict --discount-rate,
-- 0.01 by default, per period of 30 days: a purchase a year ahead counts for
-- about 89%), but only the run's summary said so: the customer's card, GET
-- /api/customers/:id/prediction and `customers show` gave the value with
-- nothing saying it was discounted, or at what rate. The rate and its period
-- are kept with each prediction, as its horizon is (202612100500); older rows
-- leave them null.
alter table customer_prediction add column clv_discount_rate double precision;
alter table customer_prediction add column clv_period_days double precision;

-- A customer with no spend or CLV read "Not estimated" with no reason. Two runs
-- leave them out: a buyer of free orders only (the spend model describes paid
-- purchases, docs/models.md), and every customer of a run with no usable spend
-- model (too few repeat buyers with spend, no convergence, q ≤ 1). The reason is
-- kept so the card and the API can say which; null where spend was predicted,
-- and for rows stored before it was kept.
alter table customer_prediction add column spend_not_estimated text
  check (spend_not_estimated in ('free_purchases_only', 'no_spend_model'));
