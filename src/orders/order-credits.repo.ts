import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/schema.js';
import { allocateCredits, effectiveSale, type Allocation, type CreditNote, type EffectiveSale, type StatedSale } from './credit-allocation.js';

type Db = Kysely<Database>;

type OrderRow = {
  customer_id: string | number; order_id: string | number; ordered_at: Date | string; status: string; stated_status: string | null;
  amount_minor: string | number; refunded_minor: string | number; credited_minor: string | number; skus: string[];
};
type CreditRow = { customer_id: string | number; credit_order_id: string | number; sale_order_id: string | number; amount_minor: string | number };

/**
 * Brings credit notes to bear on the customers' sales (credit-allocation.ts): each customer's sales
 * go back to what their source stated, their credit notes are allocated again, and what changed is
 * written — order_credit, and each sale's effective refund and status beside what was stated.
 * Only customers holding a credit note or a credit are read; the rest cost nothing more. Returns the
 * customers whose sales changed, whose purchase facts the caller recomputes.
 */
export async function reapplyCredits(db: Db, scope: readonly number[] | 'all'): Promise<number[]> {
  if (scope !== 'all' && scope.length === 0) return [];
  const only = (column: string): RawBuilder<boolean> => (scope === 'all' ? sql<boolean>`true` : sql<boolean>`${sql.ref(column)} = any(${[...scope]}::bigint[])`);
  const orders = await sql<OrderRow>`
    with credited as (
      select customer_id from customer_order where status = 'credit_note' and ${only('customer_id')}
      union select customer_id from order_credit where ${only('customer_id')}
      union select customer_id from customer_order where credited_minor <> 0 and ${only('customer_id')})
    select o.customer_id, o.order_id, o.ordered_at, o.status, o.stated_status, o.amount_minor, o.refunded_minor, o.credited_minor,
      array(select distinct l.sku from order_line l where l.customer_id = o.customer_id and l.order_id = o.order_id and l.sku is not null) as skus
    from customer_order o
    where o.customer_id in (select customer_id from credited)
      and (o.status in ('credit_note', 'paid', 'partially_refunded') or o.stated_status is not null or o.credited_minor <> 0)`.execute(db);
  if (orders.rows.length === 0) return [];
  const customerIds = [...new Set(orders.rows.map((row) => Number(row.customer_id)))];
  const stored = await db.selectFrom('order_credit').selectAll().where('customer_id', 'in', customerIds).execute();

  const byCustomer = groupBy(orders.rows, (row) => Number(row.customer_id));
  const storedByCustomer = groupBy(stored as CreditRow[], (row) => Number(row.customer_id));
  const changedSales: Array<EffectiveSale & { customerId: number }> = [];
  const reallocated: Array<Allocation & { customerId: number }> = [];
  const reallocatedCustomers: number[] = [];
  for (const [customerId, rows] of byCustomer) {
    const sales = rows.filter((row) => row.status !== 'credit_note').map(statedSaleOf);
    const notes: CreditNote[] = rows.filter((row) => row.status === 'credit_note')
      .map((row) => ({ orderId: Number(row.order_id), orderedAt: new Date(row.ordered_at), amountMinor: Number(row.amount_minor), skus: row.skus }));
    const allocations = allocateCredits(sales, notes);
    const creditedOf = new Map<number, number>();
    for (const allocation of allocations) creditedOf.set(allocation.saleOrderId, (creditedOf.get(allocation.saleOrderId) ?? 0) + allocation.amountMinor);
    const rowOf = new Map(rows.map((row) => [Number(row.order_id), row]));
    for (const sale of sales) {
      const effective = effectiveSale(sale, creditedOf.get(sale.orderId) ?? 0);
      const row = rowOf.get(sale.orderId)!;
      const isSame = Number(row.refunded_minor) === effective.refundedMinor && Number(row.credited_minor) === effective.creditedMinor
        && row.status === effective.status && row.stated_status === effective.statedStatus;
      if (!isSame) changedSales.push({ ...effective, customerId });
    }
    if (keyOfAllocations(allocations) !== keyOfAllocations((storedByCustomer.get(customerId) ?? []).map(allocationOf))) {
      reallocatedCustomers.push(customerId);
      reallocated.push(...allocations.map((allocation) => ({ ...allocation, customerId })));
    }
  }
  await writeAllocations(db, reallocatedCustomers, reallocated);
  await writeSales(db, changedSales);
  return [...new Set(changedSales.map((sale) => sale.customerId))];
}

function statedSaleOf(row: OrderRow): StatedSale {
  return {
    orderId: Number(row.order_id), orderedAt: new Date(row.ordered_at), amountMinor: Number(row.amount_minor),
    refundedMinor: Number(row.refunded_minor) - Number(row.credited_minor), status: (row.stated_status ?? row.status) as StatedSale['status'], skus: row.skus,
  };
}

const allocationOf = (row: CreditRow): Allocation => ({ creditOrderId: Number(row.credit_order_id), saleOrderId: Number(row.sale_order_id), amountMinor: Number(row.amount_minor) });

const keyOfAllocations = (allocations: Allocation[]) =>
  allocations.map((a) => `${a.creditOrderId}:${a.saleOrderId}:${a.amountMinor}`).sort().join(',');

function groupBy<T>(rows: readonly T[], keyOf: (row: T) => number): Map<number, T[]> {
  const groups = new Map<number, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

async function writeAllocations(db: Db, customerIds: number[], allocations: Array<Allocation & { customerId: number }>): Promise<void> {
  if (customerIds.length === 0) return;
  await db.deleteFrom('order_credit').where('customer_id', 'in', customerIds).execute();
  if (allocations.length === 0) return;
  await sql`
    insert into order_credit (customer_id, credit_order_id, sale_order_id, amount_minor)
    select * from unnest(${allocations.map((a) => a.customerId)}::bigint[], ${allocations.map((a) => a.creditOrderId)}::bigint[],
      ${allocations.map((a) => a.saleOrderId)}::bigint[], ${allocations.map((a) => a.amountMinor)}::bigint[])`.execute(db);
}

async function writeSales(db: Db, sales: Array<EffectiveSale & { customerId: number }>): Promise<void> {
  if (sales.length === 0) return;
  await sql`
    update customer_order o set refunded_minor = s.refunded_minor, credited_minor = s.credited_minor, status = s.status, stated_status = s.stated_status
    from unnest(${sales.map((s) => s.customerId)}::bigint[], ${sales.map((s) => s.orderId)}::bigint[], ${sales.map((s) => s.refundedMinor)}::bigint[],
      ${sales.map((s) => s.creditedMinor)}::bigint[], ${sales.map((s) => s.status)}::text[], ${sales.map((s) => s.statedStatus)}::text[])
      as s(customer_id, order_id, refunded_minor, credited_minor, status, stated_status)
    where o.customer_id = s.customer_id and o.order_id = s.order_id`.execute(db);
}

/** Whether any credit note is stored: one probe of a partial index that holds only credit notes. */
export async function storeHasCreditNotes(db: Db): Promise<boolean> {
  const result = await sql<{ has: boolean }>`select exists (select 1 from customer_order where status = 'credit_note') as has`.execute(db);
  return result.rows[0]?.has ?? false;
}
