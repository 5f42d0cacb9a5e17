import type { Kysely } from 'kysely';
import { expect } from 'vitest';
import type { Database } from '../../src/db/schema.js';
import { importFile } from '../../src/ingest/import-file.service.js';
import { importDefaults } from './import-files.js';

type Lines = (prefix: string) => string[];
type WriteFile = (lines: string[]) => string;

/**
 * Imports a file at batch sizes 1, 2 and 10,000 and expects the same outcome: counts, the orders'
 * counts (orders files) and rejects. The file's ids carry the batch size (`lines(prefix)`), so each
 * run stores rows of its own; reasons are compared without it, and with the first row's value masked:
 * a row of an earlier batch is known by its text digest, not its text ("… here, other text on line 2").
 */
export function batchSizeOutcomes(db: () => Kysely<Database>, entity: 'orders' | 'events', write: WriteFile) {
  const letter = entity === 'orders' ? 'B' : 'V';
  const outcomeAt = async (lines: Lines, batchSize: number, writeFile: WriteFile) => {
    const prefix = `${letter}${batchSize}`;
    const summary = await importFile(db(), { ...importDefaults, entity, file: writeFile(lines(prefix)), batchSize });
    const { read, inserted, updated, unchanged, rejected } = summary;
    const reasons = summary.rejectsSample.map((reject) => [reject.line, reject.code,
      reject.reason.replaceAll(prefix, '').replaceAll(prefix.toLowerCase(), '').replace(/ here, .* (on line \d+)/, ' here, … $1')]);
    return { counts: { read, inserted, updated, unchanged, rejected }, ...(entity === 'orders' ? { orders: summary.orders } : {}), reasons };
  };
  return async (lines: Lines, writeFile: WriteFile = write) => {
    const [one, two, all] = [await outcomeAt(lines, 1, writeFile), await outcomeAt(lines, 2, writeFile), await outcomeAt(lines, 10_000, writeFile)];
    expect(one).toEqual(all);
    expect(two).toEqual(all);
    return all;
  };
}
