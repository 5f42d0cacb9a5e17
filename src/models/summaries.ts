/**
 * Recency–frequency–monetary summaries, the sufficient statistics of the
 * BG/NBD, Pareto/NBD and Gamma-Gamma models, built from purchase days.
 *
 * Conventions (Fader, Hardie & Lee 2005; the `lifetimes` library):
 * - the unit of purchase is a purchase DAY: same-day orders count once, their values added;
 * - frequency x = number of purchase days after the first one, up to and including the calibration end;
 * - recency t_x = time from the first to the last purchase day (0 when x = 0);
 * - age T = time from the first purchase day to the calibration end;
 * - monetary value m = mean value of the repeat purchase days (the first is excluded; 0 when x = 0);
 * - zero-value purchases are purchases;
 * - customers whose first purchase is after the calibration end are left out.
 */

export type TimeUnit = 'day' | 'week';

/** Purchases in columns, sorted by customer then day; several rows may share a day. */
export type PurchaseColumns = {
  customerIndex: Int32Array | Float64Array;
  /** Integer day number (e.g. days since 1970-01-01 in the store's time zone). */
  day: Int32Array;
  amount: Float64Array;
};

/** One row per customer, in the order of the input. */
export type CustomerSummaries = {
  count: number;
  unit: TimeUnit;
  calibrationEnd: number;
  customerIndex: Float64Array;
  firstDay: Int32Array;
  /** Last purchase day up to the calibration end: with firstDay, whole-day recency and age for compression. */
  lastDay: Int32Array;
  frequency: Float64Array;
  recency: Float64Array;
  age: Float64Array;
  monetaryValue: Float64Array;
};

export function daysPerUnit(unit: TimeUnit): number {
  return unit === 'week' ? 7 : 1;
}

/**
 * Builds the summaries for a calibration end (a day number, inclusive) in one
 * pass over the columns: O(rows), integer day arithmetic, no per-customer objects.
 */
export function buildSummaries(purchases: PurchaseColumns, calibrationEnd: number, unit: TimeUnit): CustomerSummaries {
  const { customerIndex, day, amount } = purchases;
  const rows = day.length;
  const customers = countCalibrationCustomers(customerIndex, day, calibrationEnd);
  const summaries: CustomerSummaries = {
    count: customers,
    unit,
    calibrationEnd,
    customerIndex: new Float64Array(customers),
    firstDay: new Int32Array(customers),
    lastDay: new Int32Array(customers),
    frequency: new Float64Array(customers),
    recency: new Float64Array(customers),
    age: new Float64Array(customers),
    monetaryValue: new Float64Array(customers),
  };
  const scale = 1 / daysPerUnit(unit);
  let output = -1;
  // a real first value, not NaN: V8 compares small integers much faster than a NaN-seeded double
  let previousCustomer = rows > 0 ? customerIndex[0] : 0;
  let firstDay = 0;
  let lastDay = 0;
  let repeatDays = 0;
  let repeatAmount = 0;
  for (let row = 0; row < rows; row++) {
    const currentDay = day[row];
    if (currentDay > calibrationEnd) continue;
    const customer = customerIndex[row];
    if (customer !== previousCustomer || output < 0) {
      if (output >= 0) writeCustomer(summaries, output, firstDay, lastDay, repeatDays, repeatAmount, scale);
      output++;
      summaries.customerIndex[output] = customer;
      previousCustomer = customer;
      firstDay = currentDay;
      lastDay = currentDay;
      repeatDays = 0;
      repeatAmount = 0;
      continue;
    }
    // same-day purchases count once: the models' unit is a purchase day
    if (currentDay !== lastDay) {
      repeatDays++;
      lastDay = currentDay;
    }
    // the first day's value is excluded from m, as in Fader, Hardie & Lee (2005)
    if (currentDay !== firstDay) repeatAmount += amount[row];
  }
  if (output >= 0) writeCustomer(summaries, output, firstDay, lastDay, repeatDays, repeatAmount, scale);
  return summaries;
}

/** Customers whose first purchase day is on or before the calibration end (rows are sorted by day within a customer). */
function countCalibrationCustomers(customerIndex: Int32Array | Float64Array, day: Int32Array, calibrationEnd: number): number {
  let customers = 0;
  let previousCustomer = day.length > 0 ? customerIndex[0] : 0;
  for (let row = 0; row < day.length; row++) {
    const customer = customerIndex[row];
    if (customer !== previousCustomer || row === 0) {
      previousCustomer = customer;
      if (day[row] <= calibrationEnd) customers++;
    }
  }
  return customers;
}

function writeCustomer(summaries: CustomerSummaries, output: number, firstDay: number, lastDay: number, repeatDays: number, repeatAmount: number, scale: number): void {
  summaries.firstDay[output] = firstDay;
  summaries.lastDay[output] = lastDay;
  summaries.frequency[output] = repeatDays;
  summaries.recency[output] = (lastDay - firstDay) * scale;
  summaries.age[output] = (summaries.calibrationEnd - firstDay) * scale;
  summaries.monetaryValue[output] = repeatDays > 0 ? repeatAmount / repeatDays : 0;
}

/**
 * Counts each summarised customer's purchase days in (calibrationEnd, holdoutEnd]:
 * the actual repeat purchases a calibration/holdout validation compares with.
 * The columns must be the ones the summaries were built from.
 */
export function countHoldoutPurchases(purchases: PurchaseColumns, summaries: CustomerSummaries, holdoutEnd: number): Float64Array {
  const counts = new Float64Array(summaries.count);
  const { customerIndex, day } = purchases;
  let output = -1;
  let isSummarised = false;
  let lastCountedDay = Number.NaN;
  for (let row = 0; row < day.length; row++) {
    if (row === 0 || customerIndex[row] !== customerIndex[row - 1]) {
      // summaries keep the input order and only skip customers first seen after the calibration end
      isSummarised = output + 1 < summaries.count && summaries.customerIndex[output + 1] === customerIndex[row];
      if (isSummarised) output++;
      lastCountedDay = Number.NaN;
    }
    const currentDay = day[row];
    if (isSummarised && currentDay > summaries.calibrationEnd && currentDay <= holdoutEnd && currentDay !== lastCountedDay) {
      counts[output]++;
      lastCountedDay = currentDay;
    }
  }
  return counts;
}
