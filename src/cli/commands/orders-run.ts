import { getOrder, getOrderByExternalId, type OrderRow } from '../../orders/index.js';
import { formatMoney } from '../../core/money.js';
import { loadMoneyFormat } from '../../analytics/index.js';
import type { CliRuntime } from '../runtime.js';
import { keyValues, money, table } from '../format.js';
import type { OrderReference } from './orders.js';

export async function runOrdersShow(runtime: CliRuntime, order: OrderReference): Promise<void> {
  const { result, locale } = await runtime.withStore(async ({ db }) => ({
    result: typeof order === 'number' ? await getOrder(db, order) : await getOrderByExternalId(db, order.source, order.externalId),
    locale: (await loadMoneyFormat(db)).locale,
  }));
  runtime.print(result, (row: OrderRow) => [
    keyValues({
      id: row.order_id, source: row.source, external_id: row.external_id, customer: row.customer_id, ordered_at: row.ordered_at,
      status: row.status, channel: row.channel, amount: money(row.amount_minor),
      // as written, when its currency is not the store's
      total: formatMoney(row.total_minor, row.currency, locale), refunded: money(row.refunded_minor), discount: money(row.discount_minor),
      promotion_code: row.promotion_code, location: row.location, gift_for: row.recipient_customer_id,
    }),
    '', 'lines:', table(row.lines.map((line) => ({ no: line.line_no, sku: line.sku, product: line.product_name, category: line.category, quantity: line.quantity, unit_price: money(line.unit_price_minor) }))),
  ].join('\n'));
}
