-- Analytics speed, second pass: what a full `clientele analyze` reads per customer.

-- The share of orders with a promotion is the only per-customer fact still read
-- from customer_order (order counts come from customer_purchase_day); promotion
-- orders are a small part of all orders, so this replaces a scan of every order.
create index customer_order_promotion_idx on customer_order (customer_id, ordered_at)
  where promotion_code <> '' and status in ('paid', 'partially_refunded');
