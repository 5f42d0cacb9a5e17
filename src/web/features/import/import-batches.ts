import type { IngestEntity } from '../../api/types.js';
import type { LineRecord } from './import-rows.js';
import { orderIdOf } from './order-ids.js';

/**
 * Cuts the records into API batches of about `size`, keeping every row of an
 * order in the same batch: the server stores an order as a batch sends it, its
 * lines included, so an order whose line rows were split over two batches
 * would keep only the second batch's lines. Orders keep the place of their
 * first row; a file's rows of one order need not be next to each other. An
 * order with more rows than `size` gets a batch of its own.
 */
export function planBatches(entity: IngestEntity, records: readonly LineRecord[], size: number): LineRecord[][] {
  const groups = entity === 'orders' || entity === 'lines' ? byOrder(records) : records.map((record) => [record]);
  const batches: LineRecord[][] = [];
  let current: LineRecord[] = [];
  for (const group of groups) {
    if (current.length > 0 && current.length + group.length > size) {
      batches.push(current);
      current = [];
    }
    current = current.concat(group);
  }
  if (current.length > 0) batches.push(current);
  return batches;
}

function byOrder(records: readonly LineRecord[]): LineRecord[][] {
  const groups: LineRecord[][] = [];
  const groupOf = new Map<string, LineRecord[]>();
  for (const record of records) {
    // an order without an id gets one made from its content on the server: it is a group of its own;
    // ids are compared as the server keys them ("536365.0" is 536365), so the server's rows of one order share a batch
    const orderId = orderIdOf(record.record.order_id);
    const known = orderId ? groupOf.get(orderId) : undefined;
    if (known) {
      known.push(record);
      continue;
    }
    const group = [record];
    groups.push(group);
    if (orderId) groupOf.set(orderId, group);
  }
  return groups;
}
