import { describe, expect, it } from 'vitest';
import { collectCsv, type CsvPage } from './export-csv.js';

type Row = { id: number; name: string };

/** A list of `total` rows served in pages of `size`, keyed by the last id as the cursor, recording what was asked. */
function pagedList(total: number, size: number) {
  const asked: Array<string | null> = [];
  const fetchPage = async (cursor: string | null): Promise<CsvPage<Row>> => {
    asked.push(cursor);
    const after = cursor === null ? 0 : Number(cursor);
    const items = Array.from({ length: Math.max(0, Math.min(size, total - after)) }, (_, index) => ({ id: after + index + 1, name: `n${after + index + 1}` }));
    const last = items.at(-1);
    return { items, nextCursor: last && last.id < total ? String(last.id) : null };
  };
  return { asked, fetchPage };
}

describe('collectCsv', () => {
  it('pages through the whole list, passing each cursor back, and reports the rows read so far', async () => {
    const list = pagedList(5, 2);
    const progress: number[] = [];
    const parts = await collectCsv({ header: ['id', 'name'], fetchPage: list.fetchPage, cellsOf: (row) => [row.id, row.name], onProgress: (rows) => progress.push(rows), signal: new AbortController().signal });
    expect(parts.join('')).toBe('id,name\r\n1,n1\r\n2,n2\r\n3,n3\r\n4,n4\r\n5,n5\r\n');
    expect(list.asked).toEqual([null, '2', '4']);
    expect(progress).toEqual([2, 4, 5]);
  });

  it('gives the header alone for an empty list', async () => {
    const parts = await collectCsv({ header: ['id'], fetchPage: pagedList(0, 2).fetchPage, cellsOf: (row) => [row.id], onProgress: () => {}, signal: new AbortController().signal });
    expect(parts.join('')).toBe('id\r\n');
  });

  it('asks for no further page once cancelled', async () => {
    const list = pagedList(10, 2);
    const controller = new AbortController();
    await collectCsv({ header: ['id'], fetchPage: list.fetchPage, cellsOf: (row) => [row.id], onProgress: (rows) => { if (rows >= 4) controller.abort(); }, signal: controller.signal });
    expect(list.asked).toEqual([null, '2']);
  });
});
