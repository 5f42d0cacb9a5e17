-- Credit notes (docs/import.md, "Credit notes"): an order row that gives money back for an earlier
-- purchase of the same customer without naming it, as UCI Online Retail's C invoices do. It is never
-- a purchase itself; what it gives back is allocated to that customer's earlier sales
-- (src/orders/credit-allocation.ts), recorded in order_credit, and a sale keeps what its source
-- stated beside the effective values every report reads.
alter table customer_order drop constraint customer_order_status_check;
alter table customer_order add constraint customer_order_status_check
  check (status in ('paid', 'refunded', 'partially_refunded', 'cancelled', 'credit_note'));

-- the part of refunded_minor that credit notes gave back (refunded_minor stays the effective refund)
alter table customer_order add column credited_minor bigint not null default 0;
-- the status the source stated, kept only while credits changed it (status is then the effective one)
alter table customer_order add column stated_status text
  constraint customer_order_stated_status_check check (stated_status in ('paid', 'partially_refunded'));

create table order_credit (
  customer_id bigint not null,
  credit_order_id bigint not null,
  sale_order_id bigint not null,
  amount_minor bigint not null constraint order_credit_amount_check check (amount_minor > 0),
  constraint order_credit_pkey primary key (customer_id, credit_order_id, sale_order_id)
);

-- an import asks once whether the store holds any credit note; a store without is one index probe
create index customer_order_credit_note_idx on customer_order (customer_id) where status = 'credit_note';
