import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { batchPeople, formatBatch, startBatchWorkers, type BatchFile, type FormattedBatch } from './batches.js';
import { csvHeaders, formatProduct, type StoreFile } from './csv.js';
import { listProducts, planStore, type StoreOptions } from './generate-store.js';

export type WriteOptions = StoreOptions & {
  /** Write truth.csv with the planted personas and latent rates; true when omitted. */
  includeTruth?: boolean;
  /** Worker threads generating batches; 1 (in this thread) when omitted. */
  workers?: number;
};

export type WriteProgress = {
  people: number;
  totalPeople: number;
  customers: number;
  orders: number;
  lines: number;
  events: number;
};

export type WriteSummary = WriteProgress & {
  files: Partial<Record<StoreFile, string>>;
  rateMultiplier: number;
};

const progressEvery = 10_000;
// batches requested before the one being written: keeps every worker busy, memory bounded
const batchesAhead = 6;

type OpenFile = { stream: WriteStream };

function openFile(path: string, header: string): OpenFile {
  const stream = createWriteStream(path, { highWaterMark: 1 << 20 });
  stream.write(`${header}\n`);
  return { stream };
}

/** Hands text to the stream and waits when the stream asks for it (back-pressure). */
async function writeText(file: OpenFile, text: string): Promise<void> {
  if (text.length > 0 && !file.stream.write(text)) await once(file.stream, 'drain');
}

async function close(file: OpenFile): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    file.stream.once('error', reject);
    file.stream.end(() => resolve());
  });
}

/**
 * Writes customers, products, orders, lines, events (and truth) CSV files into
 * `directory` batch by batch, in memory independent of the store's size. With
 * `workers` > 1 the batches are generated in worker threads and still written
 * in order, so the bytes do not depend on the number of workers.
 */
export async function writeStoreFiles(
  directory: string, options: WriteOptions, onProgress?: (progress: WriteProgress) => void,
): Promise<WriteSummary> {
  await mkdir(directory, { recursive: true });
  const plan = planStore(options);
  const includeTruth = options.includeTruth ?? true;
  const names: StoreFile[] = ['customers', 'products', 'orders', 'lines', 'events'];
  if (includeTruth) names.push('truth');
  const paths = Object.fromEntries(names.map((name) => [name, join(directory, `${name}.csv`)])) as Record<StoreFile, string>;
  const files = Object.fromEntries(names.map((name) => [name, openFile(paths[name], csvHeaders[name])])) as Record<StoreFile, OpenFile>;
  const progress: WriteProgress = { people: 0, totalPeople: plan.people, customers: 0, orders: 0, lines: 0, events: 0 };
  const source = (options.workers ?? 1) > 1
    ? startBatchWorkers(options, plan.rateMultiplier, options.workers!)
    : { formatBatch: async (from: number, to: number) => formatBatch(plan, from, to, includeTruth), stop: async () => {} };

  try {
    await writeText(files.products, listProducts().map(formatProduct).join(''));
    const batchCount = Math.ceil(plan.people / batchPeople);
    const pending = new Map<number, Promise<FormattedBatch>>();
    const request = (batch: number) => {
      if (batch < batchCount && !pending.has(batch)) {
        pending.set(batch, source.formatBatch(batch * batchPeople, Math.min(plan.people, (batch + 1) * batchPeople)));
      }
    };
    for (let batch = 0; batch < batchCount; batch++) {
      for (let ahead = 0; ahead < batchesAhead; ahead++) request(batch + ahead);
      const formatted = await pending.get(batch)!;
      pending.delete(batch);
      for (const name of names) if (name !== 'products') await writeText(files[name], formatted.text[name as BatchFile]);
      progress.people += formatted.people;
      progress.customers += formatted.customers;
      progress.orders += formatted.orders;
      progress.lines += formatted.lines;
      progress.events += formatted.events;
      if (onProgress && Math.floor(progress.people / progressEvery) > Math.floor((progress.people - formatted.people) / progressEvery)) {
        onProgress({ ...progress });
      }
    }
    for (const name of names) await close(files[name]);
  } catch (error) {
    for (const name of names) files[name].stream.destroy();
    throw error;
  } finally {
    await source.stop();
  }
  onProgress?.({ ...progress });
  return { ...progress, files: paths, rateMultiplier: plan.rateMultiplier };
}
