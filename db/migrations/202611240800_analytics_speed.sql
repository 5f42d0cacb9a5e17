-- Analytics speed: indexes behind `clientele analyze` and the per-batch incremental types.

-- First sign of interest reads orders that never became a purchase (a few percent
-- of orders); without this every analysis scanned all orders once more for them.
create index customer_order_not_purchase_idx on customer_order (customer_id, ordered_at, channel)
  where status not in ('paid', 'partially_refunded');

-- Rewinding history to an earlier as-of looks for spells entered or left after
-- it; almost always there are none, and these make that a single index probe.
create index customer_type_history_entered_at_idx on customer_type_history (entered_at);
create index customer_type_history_left_at_idx on customer_type_history (left_at) where left_at is not null;
