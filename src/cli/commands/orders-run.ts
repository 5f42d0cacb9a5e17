import { getOrderByEitherId, getOrderByExternalId, orderReferenceWord, type OrderIdMatch, type OrderRow } from '../../orders/index.js';
import { formatMoney } from '../../core/money.js';
import { loadMoneyFormat } from '../../analytics/index.js';
import type { CliRuntime, StoreContext } from '../runtime.js';
import { keyValues, money, table } from '../format.js';
import { clienteleCommand } from '../store-command.js';
import type { OrderReference } from './orders.js';

/**
 * With --json, an order named by an id alone carries how it was read: `read_as` (source:id) when no
 * store order has that id and one source gave an order it, else `also_from_sources`, the orders
 * sources gave that id (possibly none) beside the store's order of that id. The order's fields stay as they are.
 */
type ShownOrder = OrderRow & { read_as?: string; also_from_sources?: OrderIdMatch[] };

export async function runOrdersShow(runtime: CliRuntime, order: OrderReference): Promise<void> {
  const { result, locale } = await runtime.withStore(async ({ db }) => ({
    result: 'source' in order ? await getOrderByExternalId(db, order.source, order.externalId) : await readEitherId(db, order.id),
    locale: (await loadMoneyFormat(db)).locale,
  }));
  runtime.print(result, (row: ShownOrder) => [
    ...(row.read_as ? [`Read as ${row.read_as} (order ${row.external_id} from source ${row.source}): no store order has the id ${row.external_id}, and no other source gave an order that id.`, ''] : []),
    keyValues({
      id: row.order_id, source: row.source, external_id: row.external_id, customer: row.customer_id, ordered_at: row.ordered_at,
      status: row.status, channel: row.channel, amount: money(row.amount_minor),
      // as written, when its currency is not the store's
      total: formatMoney(row.total_minor, row.currency, locale), refunded: money(row.refunded_minor),
      // what credit notes of the same customer gave back, of the refund
      ...(row.credited_minor > 0 ? { credited: money(row.credited_minor) } : {}), discount: money(row.discount_minor),
      promotion_code: row.promotion_code, location: row.location, gift_for: row.recipient_customer_id,
    }),
    '', 'lines:', table(row.lines.map((line) => ({ no: line.line_no, sku: line.sku, product: line.product_name, category: line.category, quantity: line.quantity, unit_price: money(line.unit_price_minor) }))),
    ...(row.also_from_sources?.length ? ['', ...row.also_from_sources.map((match) =>
      `Also order ${match.external_id} from source ${match.source} (store order #${match.order_id}): ${clienteleCommand(`orders show ${orderReferenceWord(match.source, match.external_id)}`)}`)] : []),
  ].join('\n'));
}

async function readEitherId(db: StoreContext['db'], id: string): Promise<ShownOrder> {
  const { order, readAs, sameIdInSources } = await getOrderByEitherId(db, id);
  return readAs === 'order_id' ? { ...order, also_from_sources: sameIdInSources } : { ...order, read_as: `${readAs.source}:${readAs.external_id}` };
}
