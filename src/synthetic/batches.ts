import { Worker } from 'node:worker_threads';
import { workerSource } from '../core/worker-source.js';
import { formatCustomer, formatEvent, formatLine, formatOrder, formatTruth } from './csv.js';
import { generatePerson, type StoreOptions, type StorePlan } from './generate-store.js';

/** People per batch: the unit handed to a worker and written at once. */
export const batchPeople = 1000;

export type BatchFile = 'customers' | 'orders' | 'lines' | 'events' | 'truth';

export type FormattedBatch = {
  text: Record<BatchFile, string>;
  people: number;
  customers: number;
  orders: number;
  lines: number;
  events: number;
};

/** CSV text of people [from, to): rows are joined once, since deep string concatenations are slow to encode. */
export function formatBatch(plan: StorePlan, from: number, to: number, includeTruth: boolean): FormattedBatch {
  const rows: Record<BatchFile, string[]> = { customers: [], orders: [], lines: [], events: [], truth: [] };
  for (let index = from; index < to; index++) {
    const records = generatePerson(plan, index);
    for (const row of records.customers) rows.customers.push(formatCustomer(row));
    for (const row of records.orders) rows.orders.push(formatOrder(row));
    for (const row of records.lines) rows.lines.push(formatLine(row));
    for (const row of records.events) rows.events.push(formatEvent(row));
    if (includeTruth) for (const row of records.truth) rows.truth.push(formatTruth(row));
  }
  return {
    text: {
      customers: rows.customers.join(''), orders: rows.orders.join(''), lines: rows.lines.join(''),
      events: rows.events.join(''), truth: rows.truth.join(''),
    },
    people: to - from,
    customers: rows.customers.length,
    orders: rows.orders.length,
    lines: rows.lines.length,
    events: rows.events.length,
  };
}

export type BatchWorkerData = { options: StoreOptions & { includeTruth?: boolean }; rateMultiplier: number };
export type BatchRequest = { batch: number; from: number; to: number };
export type BatchResponse = { batch: number; formatted?: FormattedBatch; error?: string };

export type BatchSource = { formatBatch: (from: number, to: number) => Promise<FormattedBatch>; stop: () => Promise<void> };

export function startBatchWorkers(options: BatchWorkerData['options'], rateMultiplier: number, count: number): BatchSource {
  // TypeScript through tsx's loader, or the compiled worker from the build (core/worker-source.ts)
  const source = workerSource(import.meta.url, 'batch-worker');
  const workerData: BatchWorkerData = { options, rateMultiplier };
  const waiting = new Map<number, { resolve: (batch: FormattedBatch) => void; reject: (error: Error) => void }>();
  let failure: Error | null = null;
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(source, { eval: true, workerData });
    worker.on('message', (response: BatchResponse) => {
      const waiter = waiting.get(response.batch);
      waiting.delete(response.batch);
      if (response.formatted) waiter?.resolve(response.formatted);
      else waiter?.reject(new Error(response.error ?? 'batch worker failed'));
    });
    worker.on('error', (error) => {
      failure = error;
      for (const waiter of waiting.values()) waiter.reject(error);
      waiting.clear();
    });
    return worker;
  });
  let requests = 0;
  return {
    formatBatch: (from, to) => new Promise<FormattedBatch>((resolve, reject) => {
      if (failure) return reject(failure);
      const batch = requests++;
      waiting.set(batch, { resolve, reject });
      const request: BatchRequest = { batch, from, to };
      workers[batch % workers.length].postMessage(request);
    }),
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.terminate()));
    },
  };
}
