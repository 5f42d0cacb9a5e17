import { describe, expect, it } from 'vitest';
import { withOtherEntityAdvice } from '../../../cli/commands/import-run.js';
import { isAppError } from '../../../core/errors.js';
import { planColumns } from '../../../ingest/rows/column-plan.js';
import type { IngestEntity } from '../../api/types.js';
import { likelierEntity } from './entity-hint.js';
import { suggestMapping } from './import-mapping.js';

// A customers file imported as orders: the CLI refused it and said "The columns look like a customers
// file: import it with … import customers …", the web only asked to map the order number, date and total.
// The same header through both: the entity the CLI's refusal names is the one the web's warning asks about.

/** The entity the CLI's refusal of the header names (import-run.ts, withOtherEntityAdvice), or null; undefined when the header is not refused. */
function cliEntity(entity: IngestEntity, headers: string[]): string | null | undefined {
  try {
    planColumns(entity, headers, { preset: null, mapping: {}, sample: [] });
    return undefined;
  } catch (error) {
    const advised = withOtherEntityAdvice(error, entity, 'file.csv', {});
    if (!isAppError(advised) || advised.code !== 'IMPORT_COLUMN_MISSING') throw error;
    return typeof advised.details.entity === 'string' ? advised.details.entity : null;
  }
}

/** The entity the web's import page asks "Is this a file of …?" about, with the mapping it guesses, or null. */
function webEntity(entity: IngestEntity, headers: string[]): string | null {
  return likelierEntity(entity, headers, [], suggestMapping(entity, headers, []))?.entity ?? null;
}

describe('the other entity the web and the CLI see in a file the chosen one lacks columns of', () => {
  const customers = ['customer_id', 'email', 'first_name', 'last_name', 'phone', 'city'];

  it.each([
    ['a customers file chosen as orders', 'orders', customers, 'customers'],
    ['a customers file chosen as events', 'events', customers, 'customers'],
    ['an orders file lacking only its amount', 'orders', ['order_id', 'customer_id', 'ordered_at', 'email'], null],
  ] as const)('%s', (_, entity, headers, expected) => {
    expect(cliEntity(entity, [...headers])).toBe(expected);
    expect(webEntity(entity, [...headers])).toBe(expected);
  });

  it('asks about customers in the words of a file lacking the chosen data\'s columns, naming the file\'s columns', () => {
    expect(likelierEntity('orders', customers, [], suggestMapping('orders', customers, []))).toEqual({ entity: 'customers', columns: customers, lacksRequired: true });
  });
});
