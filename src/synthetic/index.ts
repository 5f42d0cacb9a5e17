/**
 * The seeded synthetic store: a coffee-and-bakery chain in Indonesia used for
 * the demo store, benchmarks and tests. Same seed and options ⇒ same bytes.
 */
import { generatePeople, listProducts, planStore, type StoreOptions, type StorePlan } from './generate-store.js';
import type { CustomerRow, EventRow, LineRow, OrderRow, PersonRecords, ProductRow, TruthRow } from './rows.js';

export { csvHeaders, type StoreFile } from './csv.js';
export { chainName, currency, countryCode, marketplaceName } from './geography.js';
export { timeZone } from './calendar.js';
export { personaNames, type PersonaName } from './personas.js';
export { generatePerson, planStore, type StoreOptions, type StorePlan } from './generate-store.js';
export { writeStoreFiles, type WriteOptions, type WriteProgress, type WriteSummary } from './write-files.js';
export type { CustomerRow, EventRow, LineRow, OrderRow, PersonRecords, ProductRow, TruthRow } from './rows.js';

export type SyntheticStore = {
  plan: StorePlan;
  products: ProductRow[];
  /** Person by person, everything each contributed (the unit the files are written in). */
  people(): AsyncGenerator<PersonRecords>;
  customers(): AsyncGenerator<CustomerRow>;
  orders(): AsyncGenerator<OrderRow>;
  lines(): AsyncGenerator<LineRow>;
  events(): AsyncGenerator<EventRow>;
  truth(): AsyncGenerator<TruthRow>;
};

type RowsOf = { [K in keyof PersonRecords]: PersonRecords[K][number] };

/** In-memory row iterators; each call replays the store from the start. */
export function generateStore(options: StoreOptions): SyntheticStore {
  const plan = planStore(options);
  async function* people(): AsyncGenerator<PersonRecords> {
    yield* generatePeople(plan);
  }
  function rowsOf<K extends keyof PersonRecords>(key: K): () => AsyncGenerator<RowsOf[K]> {
    return async function* rows() {
      for (const records of generatePeople(plan)) yield* records[key] as RowsOf[K][];
    };
  }
  return {
    plan,
    products: listProducts(),
    people,
    customers: rowsOf('customers'),
    orders: rowsOf('orders'),
    lines: rowsOf('lines'),
    events: rowsOf('events'),
    truth: rowsOf('truth'),
  };
}
