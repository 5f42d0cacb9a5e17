import { fileURLToPath } from 'node:url';
import type { ImportEntity } from '../ingest/canonical.js';
import type { RejectCode } from '../ingest/reject-codes.js';

/** The synthetic demo's size when no one asks for another: `npm start`'s first start, `demo load synthetic`. */
export const standardSyntheticCustomers = 3000;

export const datasetsDirectory = fileURLToPath(new URL('../../data/datasets/', import.meta.url));

/** A bundled public data set and how to load it as a store. */
export type DemoDataset = {
  name: string;
  /** The store's name once loaded: the data set's own, the same in every language (the app says it is a public data set). */
  title: string;
  description: string;
  currency: string;
  timeZone: string;
  defaultCountry: string;
  /**
   * Reports on a static data set run as of its end, not today: the last moment
   * of its last day in its time zone, so the as-of day is the data set's last
   * day whether it is read as an instant or by its first ten characters (the
   * midnight after put every report on an empty extra day).
   */
  asOf: string;
  imports: Array<{ entity: ImportEntity; file: string; preset: string }>;
  /**
   * Rows the data set holds that cannot be loaded, by reject code, and why (its README says
   * more): a load's summary explains its rejected rows with these; any other code is a surprise.
   */
  expectedRejects?: Partial<Record<RejectCode, string>>;
  /** A type policy change the data set needs (Groceries has no prices: VIP by purchase days). */
  policy?: Record<string, unknown>;
};

export const demoDatasets: DemoDataset[] = [
  {
    name: 'cdnow',
    title: 'CDNOW',
    description: 'CDNOW music retailer: 23,570 customers, 69,659 orders, 1997-01 to 1998-06 (the CLV literature\'s reference data)',
    currency: 'USD', timeZone: 'America/New_York', defaultCountry: 'US', asOf: '1998-06-30T23:59:59.999-04:00',
    imports: [{ entity: 'orders', file: 'cdnow/CDNOW_master.txt', preset: 'cdnow' }],
  },
  {
    name: 'groceries',
    title: 'Groceries',
    description: 'Grocery store: 3,898 members, 38,765 items in 14,963 baskets, 2014-2015 (no prices)',
    currency: 'EUR', timeZone: 'Europe/Berlin', defaultCountry: 'DE', asOf: '2015-12-30T23:59:59.999+01:00',
    imports: [{ entity: 'orders', file: 'groceries/Groceries_dataset.csv', preset: 'groceries' }],
    policy: { vip: { basis: 'frequency' } },
  },
  {
    name: 'online-retail',
    title: 'Online Retail (UCI)',
    description: 'UCI Online Retail, first five days (2010-12-01 to 12-05): 8,000 lines, 277 customers, cancellations',
    currency: 'GBP', timeZone: 'Europe/London', defaultCountry: 'GB', asOf: '2010-12-05T23:59:59.999Z',
    imports: [{ entity: 'orders', file: 'online-retail/online_retail_sample.csv', preset: 'uci-online-retail' }],
    expectedRejects: {
      CUSTOMER_MISSING: 'rows without a CustomerID (UCI: the retailer recorded no customer for these sales, e.g. guest purchases), so they are no one\'s purchases',
    },
  },
  {
    name: 'customer-personality',
    title: 'Customer Personality',
    description: 'Food and wine retailer: 2,240 customer profiles with demographics (no orders)',
    currency: 'USD', timeZone: 'America/New_York', defaultCountry: 'US', asOf: '2014-12-31T23:59:59.999-05:00',
    imports: [{ entity: 'customers', file: 'customer-personality/marketing_campaign.csv', preset: 'customer-personality' }],
    expectedRejects: {
      BIRTH_YEAR_OUT_OF_RANGE: 'customers born before 1900 by their Year_Birth (1893, 1899: implausible, as the data set\'s README notes); the store keeps birth years from 1900',
    },
  },
];
