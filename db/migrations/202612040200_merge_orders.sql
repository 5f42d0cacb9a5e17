-- Orders that reached a merge's kept customer after the merge through an identity the merge
-- moved there (a later order from the merged person). Undoing the merge moves them back with the
-- orders the merge itself moved. Written by the ingest path only when a buyer resolved that way.
create table customer_merge_order (
  merge_id bigint not null,
  order_id bigint not null,
  constraint customer_merge_order_pkey primary key (merge_id, order_id)
);
