import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { describeEachStore } from '../../test/helpers/stores.js';
import { injectionName, seedSmallStore, smallStoreAsOf } from '../../test/fixtures/segments/seed-small.js';
import { isAppError } from '../core/errors.js';
import { compileFilter, matchingCustomers } from './compile-filter.js';
import { likePattern } from '../core/like-pattern.js';
import { loadFilterCatalog } from './filter-catalog.js';
import { parseFilter, parseSavedFilter } from './filter-schema.js';

describe('likePattern', () => {
  it('makes %, _ and backslash literal', () => {
    expect(likePattern('50%_off\\', 'contains')).toBe('%50\\%\\_off\\\\%');
    expect(likePattern('Jak', 'starts_with')).toBe('Jak%');
  });
});

describe('compileFilter without the analytics tables', () => {
  it('fails with a message naming the field and where its data comes from', () => {
    const catalog = { columns: new Set<string>(), timeZone: 'Asia/Jakarta' };
    try {
      compileFilter(parseFilter({ field: 'rfm_segment', op: 'eq', value: 'champions' }), { asOf: smallStoreAsOf, catalog });
      expect.unreachable();
    } catch (error) {
      expect(isAppError(error) && error.code).toBe('SEGMENT_SOURCE_MISSING');
      expect((error as Error).message).toContain('"rfm_segment" needs customer_rfm column segment');
      expect((error as Error).message).toContain('clientele analyze');
      // the source as a stable name, for a client to say in its own language what is missing
      expect(isAppError(error) && error.details).toMatchObject({ field: 'rfm_segment', source: 'rfm' });
    }
  });
});

describeEachStore('compiled filters select the right customers', (context) => {
  const db = () => context.store.db;
  beforeAll(async () => seedSmallStore(db()));
  const ids = async (filter: unknown, perCustomer = false) => {
    const compiled = compileFilter(parseFilter(filter), { asOf: smallStoreAsOf, catalog: await loadFilterCatalog(db()), perCustomer });
    const result = await matchingCustomers(compiled).execute(db());
    return result.rows.map((row) => Number(row.customer_id)).sort((a, b) => a - b);
  };

  const cases: Array<[string, unknown, number[]]> = [
    ['eq', { field: 'city', op: 'eq', value: 'Jakarta' }, [1, 4]],
    // text is compared regardless of case, as the customer list compares a city
    ['eq ignores case', { field: 'city', op: 'eq', value: 'jakarta' }, [1, 4]],
    ['an email written with capitals', { field: 'email', op: 'eq', value: 'Ana@Example.COM' }, [1]],
    ['neq ignores case', { field: 'city', op: 'neq', value: 'JAKARTA' }, [2, 3, 5, 6]],
    ['in ignores case', { field: 'city', op: 'in', value: ['JAKARTA', 'bandung'] }, [1, 2, 4]],
    ['nin ignores case', { field: 'city', op: 'nin', value: ['jakarta'] }, [2, 3, 5, 6]],
    ['neq keeps unknown cities', { field: 'city', op: 'neq', value: 'Jakarta' }, [2, 3, 5, 6]],
    ['in', { field: 'city', op: 'in', value: ['Jakarta', 'Bandung'] }, [1, 2, 4]],
    ['nin keeps unknown cities', { field: 'city', op: 'nin', value: ['Jakarta'] }, [2, 3, 5, 6]],
    ['gt on age from birth year', { field: 'age', op: 'gt', value: 36 }, [2, 6]],
    ['gte', { field: 'age', op: 'gte', value: 36 }, [1, 2, 6]],
    ['lt', { field: 'age', op: 'lt', value: 36 }, [5]],
    ['lte', { field: 'age', op: 'lte', value: 36 }, [1, 5]],
    ['between', { field: 'age', op: 'between', value: [20, 40] }, [1, 5]],
    ['contains, case-insensitive', { field: 'name', op: 'contains', value: 'WI' }, [1, 5]],
    ['contains treats % literally', { field: 'city', op: 'contains', value: '%' }, [6]],
    ['contains treats _ literally', { field: 'city', op: 'contains', value: '0_' }, []],
    ['starts_with', { field: 'city', op: 'starts_with', value: 'jak' }, [1, 4]],
    ['is_null', { field: 'birth_year', op: 'is_null' }, [3, 4]],
    ['is_null false', { field: 'birth_year', op: 'is_null', value: false }, [1, 2, 5, 6]],
    ['relative date', { field: 'last_purchase_at', op: 'gte', value: { days_ago: 90 } }, [1, 4, 5]],
    ['date between', { field: 'last_purchase_at', op: 'between', value: ['2025-09-01', '2025-12-31'] }, [2]],
    ['boolean eq', { field: 'consent_email', op: 'eq', value: true }, [1]],
    ['boolean neq keeps unknown', { field: 'consent_email', op: 'neq', value: true }, [2, 3, 4, 5, 6]],
    ['trait counts read 0 without a trait row', { field: 'order_count', op: 'eq', value: 0 }, [3, 6]],
    ['channel counts', { field: 'phone_order_count', op: 'gt', value: 0 }, [4]],
    ['days since last purchase', { field: 'days_since_last_purchase', op: 'lte', value: 12 }, [1, 4]],
    ['type list contains', { field: 'customer_types', op: 'contains', value: 'vip' }, [1]],
    ['type list in', { field: 'customer_types', op: 'in', value: ['vip', 'lapsed'] }, [1, 2]],
    ['type list nin', { field: 'customer_types', op: 'nin', value: ['vip'] }, [2, 3, 4, 5, 6]],
    ['no types yet', { field: 'customer_types', op: 'is_null' }, [3, 4, 5, 6]],
    // a closed list's value in another case is its stored spelling (Champions, vip)
    ['RFM segment', { field: 'rfm_segment', op: 'eq', value: 'champions' }, [1]],
    ['a customer type in capitals', { field: 'customer_types', op: 'contains', value: 'VIP' }, [1]],
    ['a primary type in capitals', { field: 'primary_type', op: 'in', value: ['Lapsed'] }, [2]],
    ['bought coffee twice in 90 days', { purchased: { category: 'coffee', within: { days: 90 }, count: { op: 'gte', value: 2 } } }, [1]],
    ['cancelled orders are not purchases', { purchased: { category: 'coffee', within: { days: 90 }, count: { op: 'eq', value: 1 } } }, [5]],
    ['bought coffee ever', { purchased: { category: ['COFFEE'] } }, [1, 5]],
    ['never bought coffee', { not: { purchased: { category: 'coffee' } } }, [2, 3, 4, 6]],
    ['a line without a category has its product\'s', { purchased: { category: 'Pastry' } }, [4]],
    ['by sku', { purchased: { sku: 'BN-GAYO' } }, [2]],
    ['by product name', { purchased: { product_contains: 'sourdough', count: { op: 'gte', value: 2 } } }, [1]],
    ['by quantity', { purchased: { category: 'sandwich', measure: 'quantity', count: { op: 'gte', value: 40 } } }, [4]],
    ['by amount in a fixed window', { purchased: { within: { from: '2025-01-01', to: '2026-01-01' }, measure: 'amount_minor', count: { op: 'gte', value: 1000000 } } }, [2]],
    ['by channel', { purchased: { channel: 'web', count: { op: 'between', value: [2, 3] } } }, [1]],
    ['by channel in capitals', { purchased: { channel: ['Phone'] } }, [4]],
    ['interest events', { interest: { kind: 'signup', channel: 'web', within: { days: 60 } } }, [3]],
    ['interest kind and channel in any case', { interest: { kind: 'SignUp', channel: 'WEB' } }, [3]],
    ['no interest events', { interest: { count: { op: 'eq', value: 0 } } }, [2, 4, 5, 6]],
    ['and', { and: [{ field: 'city', op: 'eq', value: 'Jakarta' }, { field: 'kind', op: 'eq', value: 'person' }] }, [1]],
    ['or', { or: [{ field: 'city', op: 'eq', value: 'Bandung' }, { field: 'age', op: 'lt', value: 25 }] }, [2, 5]],
    ['not is an exact complement, nulls included', { not: { field: 'age', op: 'gt', value: 30 } }, [3, 4, 5]],
    ['nested', { and: [{ or: [{ field: 'city', op: 'eq', value: 'Jakarta' }, { purchased: { category: 'beans' } }] }, { not: { field: 'kind', op: 'eq', value: 'organization' } }] }, [1, 2]],
    ['empty and matches everyone not merged away', { and: [] }, [1, 2, 3, 4, 5, 6]],
  ];

  it.each(cases)('%s', async (_name, filter, expected) => {
    expect(await ids(filter)).toEqual(expected);
  });

  // the form used for a sample of customers (preview estimates) must select the same customers
  it.each(cases)('%s, compiled per customer', async (_name, filter, expected) => {
    expect(await ids(filter, true)).toEqual(expected);
  });

  it('treats SQL in values as plain text', async () => {
    expect(await ids({ field: 'name', op: 'eq', value: injectionName })).toEqual([6]);
    expect(await ids({ field: 'city', op: 'in', value: ["x') or 1=1 --", 'Bandung'] })).toEqual([2]);
    expect(await ids({ field: 'name', op: 'contains', value: "'; delete from customer; --" })).toEqual([]);
    expect(await ids({ purchased: { category: "coffee' or '1'='1" } })).toEqual([]);
    const left = await sql<{ n: number }>`select count(*)::int as n from customer`.execute(db());
    expect(left.rows[0].n).toBe(7);
  });

  it('compiles a saved filter with values no list holds to match no one, as it always did', async () => {
    const catalog = await loadFilterCatalog(db());
    const stale = { or: [{ field: 'customer_types', op: 'contains', value: 'vipp' }, { purchased: { channel: 'webshop' } }, { interest: { kind: 'signups' } }] };
    const run = async (filter: unknown) => (await matchingCustomers(compileFilter(parseSavedFilter(filter), { asOf: smallStoreAsOf, catalog })).execute(db())).rows.length;
    expect(await run(stale)).toBe(0);
    expect(await run({ not: stale })).toBe(6);
  });

  it('rejects SQL in field names before anything runs', async () => {
    await expect(ids({ field: 'city = city or 1=1 --', op: 'eq', value: 'x' })).rejects.toThrow(/unknown field/);
    await expect(ids({ field: 'c.customer_id', op: 'gt', value: 0 })).rejects.toThrow(/unknown field/);
  });
});
