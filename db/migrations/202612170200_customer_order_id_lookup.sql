-- GET /api/orders/{orderId} (and `clientele orders show`) read one order by its id alone, without
-- its customer: the primary key (customer_id, order_id) leads with the customer, so without this
-- index the read scans every order. order_id is an identity, so it names one order on its own.
create index customer_order_order_id_idx on customer_order (order_id);
