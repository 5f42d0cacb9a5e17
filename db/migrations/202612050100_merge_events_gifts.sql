-- Interest events, and gifts (orders naming a recipient), that reached a merge's kept customer
-- after the merge through an identity the merge moved there: a later sign-up of the merged person,
-- or a later gift bought for them. Undoing the merge moves them back with what the merge itself
-- moved, as customer_merge_order does for their own later orders. Written by the ingest path only
-- when an event's person or a gift's recipient resolved that way.
create table customer_merge_event (
  merge_id bigint not null,
  event_id bigint not null,
  constraint customer_merge_event_pkey primary key (merge_id, event_id)
);

create table customer_merge_gift (
  merge_id bigint not null,
  order_id bigint not null,
  constraint customer_merge_gift_pkey primary key (merge_id, order_id)
);
