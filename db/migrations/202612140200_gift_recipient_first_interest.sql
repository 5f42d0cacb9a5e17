-- A gift received from someone else, of any status, is its recipient's first sign of interest
-- (src/traits/traits.repo.ts, receivedAggregates). Facts stored before that rule left it out until
-- `clientele rebuild`; this moves each recipient's first sign of interest (and its channel) to their
-- first gift where the gift came earlier, as a rebuild would. On a tie the stored sign wins, as
-- rebuild lists events and own orders before gifts.
with received as (
  select o.recipient_customer_id as customer_id, min(o.ordered_at) as first_received_at,
    (array_agg(o.channel order by o.ordered_at, o.order_id))[1] as first_received_channel
  from customer_order o
  join customer c on c.customer_id = o.recipient_customer_id and c.merged_into_customer_id is null
  where o.recipient_customer_id is not null and o.recipient_customer_id <> o.customer_id
  group by 1
)
insert into customer_trait as t (customer_id, first_interest_at, first_interest_channel)
select customer_id, first_received_at, first_received_channel from received
on conflict (customer_id) do update set
  first_interest_at = excluded.first_interest_at,
  first_interest_channel = excluded.first_interest_channel
-- only the rows the rule changes are written: a large store's other recipients stay as they are
where t.first_interest_at is null or excluded.first_interest_at < t.first_interest_at;
