-- A credit note is no sign of interest: it gives money back for a purchase, often one made before the
-- data begins (docs/customer-types.md; src/traits/traits.repo.ts, orderAggregates). Facts stored
-- before that rule took a customer's credit note as their first sign until `clientele rebuild`; this
-- works out again, as a rebuild would, the first sign of the customers holding a credit note: the
-- earliest of their events, their other orders and the orders others sent them (on a tie in that
-- order), or none.
update customer_trait t set first_interest_at = first.at, first_interest_channel = first.channel
from (select distinct o.customer_id from customer_order o where o.status = 'credit_note') holder
join customer c on c.customer_id = holder.customer_id and c.merged_into_customer_id is null
left join lateral (
  select sign.at, sign.channel from (
    select e.occurred_at as at, e.channel, 0 as source, e.event_id as id from interest_event e where e.customer_id = c.customer_id
    union all
    select o.ordered_at, o.channel, 1, o.order_id from customer_order o where o.customer_id = c.customer_id and o.status <> 'credit_note'
    union all
    select o.ordered_at, o.channel, 2, o.order_id from customer_order o
    where o.recipient_customer_id = c.customer_id and o.customer_id <> c.customer_id) sign
  order by sign.at, sign.source, sign.id limit 1) first on true
where t.customer_id = holder.customer_id
  and (t.first_interest_at, t.first_interest_channel) is distinct from (first.at, first.channel);
