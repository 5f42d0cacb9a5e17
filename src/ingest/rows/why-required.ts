/**
 * Why a row needs a field it lacks, as its reject says: one sentence each, shared by the row
 * builders (build-*.ts) and the check of a rejected row's other problems (other-problems.ts).
 */
export const whyRequired = {
  orderAmount: 'amount is empty; every order needs its total (0 is allowed)',
  lineOrderId: 'each line must name the order it belongs to',
  lineUnitPrice: 'each order line needs its unit price (0 is allowed)',
  eventOccurredAt: 'every event needs the time it happened',
  orderId: 'every order needs its id from the source system',
  orderedAt: 'every order needs the time it was placed',
  productSku: 'every product needs its SKU',
  eventKind: 'say what happened: signup, inquiry, cart, visit, newsletter or other',
  customerIdentity: 'the customer has no customer_id, email, phone or external_id; give at least one so the customer can be recognised again',
  eventCustomer: 'the event has no customer_id, customer_email or customer_phone; fill one in or leave the row out',
  orderCustomer: 'the order has no customer_id, customer_email or customer_phone, so there is no customer to attribute it to; fill one in or leave the row out',
  customerFieldEmpty: (field: string, whose: 'order' | 'event') => `${field} is empty, and the row names no other customer, so there is no one to attribute the ${whose} to; fill it in or leave the row out`,
  orderGuestCustomer: (id: string) => `customer_id "${id}" names no customer (WooCommerce writes 0 for a guest) and the order has no customer_email or customer_phone to tell the buyer by; import the file's billing_email or billing_phone column too (--map customer_email=Column) or leave the row out`,
} as const;
