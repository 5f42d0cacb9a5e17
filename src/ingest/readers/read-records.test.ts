import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords, type ReaderOptions, type RecordItem } from './read-records.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-readers-'));
let fileCount = 0;

function writeFile(content: string | Buffer, extension = 'csv'): string {
  const path = join(directory, `file-${++fileCount}.${extension}`);
  writeFileSync(path, content);
  return path;
}

async function readAll(content: string | Buffer, options: ReaderOptions = {}, extension = 'csv') {
  const source = await readRecords(writeFile(content, extension), options);
  const items: RecordItem[] = [];
  for await (const item of source) items.push(item);
  return { source, items, records: items.filter((item) => item.kind === 'record'), problems: items.filter((item) => item.kind === 'problem') };
}

describe('readRecords on CSV', () => {
  it.each([
    [',', 'id,name\n1,Ana\n2,Budi\n'],
    [';', 'id;name\n1;Ana\n2;Budi\n'],
    ['\t', 'id\tname\n1\tAna\n2\tBudi\n'],
    ['|', 'id|name\n1|Ana\n2|Budi\n'],
  ])('detects the delimiter %j', async (delimiter, content) => {
    const { source, records } = await readAll(content);
    expect(source.delimiter).toBe(delimiter);
    expect(source.headers).toEqual(['id', 'name']);
    expect(records).toEqual([
      { kind: 'record', line: 2, values: { id: '1', name: 'Ana' }, raw: `1${delimiter}Ana` },
      { kind: 'record', line: 3, values: { id: '2', name: 'Budi' }, raw: `2${delimiter}Budi` },
    ]);
  });

  it('prefers a delimiter that splits every line the same way over one inside a value', async () => {
    const { source } = await readAll('id;address;city\n1;Jl. Sudirman 1, Blok A;Jakarta\n2;Brivibas 10;Riga\n');
    expect(source.delimiter).toBe(';');
  });

  it('honours an explicit delimiter', async () => {
    const { source, records } = await readAll('a,b;c\n1,2;3\n', { delimiter: ';' });
    expect(source.headers).toEqual(['a,b', 'c']);
    expect(records[0]).toMatchObject({ values: { 'a,b': '1,2', c: '3' } });
  });

  it('reads quoted fields with delimiters, doubled quotes and embedded newlines, and keeps start lines', async () => {
    const { records } = await readAll('id,note\r\n1,"a, b"\r\n2,"say ""hi"""\r\n3,"two\r\nlines"\r\n4,plain\r\n');
    expect(records.map((record) => [record.line, record.kind === 'record' && record.values.note])).toEqual([
      [2, 'a, b'],
      [3, 'say "hi"'],
      [4, 'two\r\nlines'],
      [6, 'plain'],
    ]);
  });

  it('strips a UTF-8 byte order mark from the first header', async () => {
    const { source } = await readAll('\ufeffid,name\n1,Ana\n');
    expect(source.headers).toEqual(['id', 'name']);
  });

  it('reads CRLF and LF line endings alike, and a last line without a newline', async () => {
    const { records } = await readAll('id,name\r\n1,Ana\n2,Budi');
    expect(records.map((record) => record.kind === 'record' && record.values.name)).toEqual(['Ana', 'Budi']);
  });

  it('skips empty lines but still counts them', async () => {
    const { records } = await readAll('id\n1\n\n\n2\n');
    expect(records.map((record) => record.line)).toEqual([2, 5]);
  });

  it('turns empty fields into null', async () => {
    const { records } = await readAll('id,name\n1,\n');
    expect(records[0]).toMatchObject({ values: { id: '1', name: null } });
  });

  it('reports invalid UTF-8 as a problem on its line and carries on', async () => {
    const content = Buffer.concat([Buffer.from('id,name\n1,Ana\n2,'), Buffer.from([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]), Buffer.from('\n3,Budi\n')]);
    const { records, problems } = await readAll(content);
    expect(records.map((record) => record.line)).toEqual([2, 4]);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ line: 3, reason: expect.stringContaining('not valid UTF-8') });
  });

  it('decodes Windows-1252 when asked', async () => {
    const content = Buffer.concat([Buffer.from('id,name\n2,'), Buffer.from([0x4a, 0xfc, 0x72, 0x67, 0x65, 0x6e]), Buffer.from('\n')]);
    const { records } = await readAll(content, { encoding: 'windows-1252' });
    expect(records[0]).toMatchObject({ values: { name: 'Jürgen' } });
  });

  it('keeps delimiters and quotes in the raw text of an invalid UTF-8 row and of an unclosed quote', async () => {
    const invalid = Buffer.concat([Buffer.from('id;name;city\n1;'), Buffer.from([0x4a, 0x6f, 0x73, 0xe9]), Buffer.from(';"Riga; LV"\n2;Ana;"cut\noff')]);
    const { problems } = await readAll(invalid);
    expect(problems.map((problem) => problem.raw)).toEqual(['1;Jos\ufffd;"Riga; LV"', '2;Ana;"cut\noff']);
  });

  it('keeps each row as written in raw, for the rejects file: its delimiter and quotes, NUL shown as ␀, at most 500 characters', async () => {
    const long = 'x'.repeat(600);
    const content = [
      'order_id;email;date;amount;currency;note',
      'A2;anna@example.lv;01.04.2024;1.234,50;EUR;Tea',
      'A3;b@example.lv;01.04.2024;"8,00";EUR;"say ""hi"""',
      'A4;"c@example.lv";01.04.2024;"8.00";EUR;"two\r\nlines"',
      'A5;d@example.lv;01.04.2024;8;EUR;nul\u0000here',
      `A6;e@example.lv;01.04.2024;8;EUR;${long}`,
    ].join('\n');
    const { records } = await readAll(`${content}\n`);
    expect(records.map((record) => record.kind === 'record' && record.raw)).toEqual([
      'A2;anna@example.lv;01.04.2024;1.234,50;EUR;Tea',
      'A3;b@example.lv;01.04.2024;"8,00";EUR;"say ""hi"""',
      'A4;"c@example.lv";01.04.2024;"8.00";EUR;"two\r\nlines"',
      'A5;d@example.lv;01.04.2024;8;EUR;nul\u2400here',
      `A6;e@example.lv;01.04.2024;8;EUR;${long}`.slice(0, 500),
    ]);
    expect(records[3]).toMatchObject({ values: { note: 'nul\u0000here' } });
  });

  it('gives what can still be read of a broken row, by position: the fields before an unclosed quote, all fields of a row with bad bytes or too many values', async () => {
    const content = Buffer.concat([
      Buffer.from('order_id,customer_id,sku,note\n'),
      Buffer.from('O1,c1,A,x,extra\n'),
      Buffer.from('O2,c1\n'),
      Buffer.from('O3,c'), Buffer.from([0xe9]), Buffer.from(',B,n\n'),
      Buffer.from('O4,c1,"C\nand the rest of the file'),
    ]);
    const { problems } = await readAll(content);
    expect(problems.map((problem) => [problem.line, problem.kind === 'problem' && problem.code, problem.kind === 'problem' && problem.values])).toEqual([
      [2, 'ROW_COLUMN_COUNT', { order_id: 'O1', customer_id: 'c1', sku: 'A', note: 'x' }],
      [3, 'ROW_COLUMN_COUNT', { order_id: 'O2', customer_id: 'c1' }],
      [4, 'ROW_NOT_UTF8', { order_id: 'O3', customer_id: 'c\ufffd', sku: 'B', note: 'n' }],
      // the quoted field runs to the end of the file: cut off, it is no value
      [5, 'ROW_QUOTE_UNCLOSED', { order_id: 'O4', customer_id: 'c1' }],
    ]);
    expect(problems.map((problem) => problem.raw)).toEqual(['O1,c1,A,x,extra', 'O2,c1', 'O3,c\ufffd,B,n', 'O4,c1,"C\nand the rest of the file']);
  });

  it('decodes a Windows-1252 export chunk by chunk, é and € included', async () => {
    // 0xE9 é, 0x80 €, 0xFC ü: no UTF-8 reading of these bytes gives these letters.
    const row = Buffer.concat([Buffer.from('1,Jos'), Buffer.from([0xe9]), Buffer.from(',M'), Buffer.from([0xfc]), Buffer.from('ller,'), Buffer.from([0x80]), Buffer.from('5\n')]);
    const content = Buffer.concat([Buffer.from('id,name,surname,price\n'), ...Array.from({ length: 20_000 }, () => row)]);
    const { records, problems } = await readAll(content, { encoding: 'windows-1252' });
    expect(problems).toEqual([]);
    expect(records).toHaveLength(20_000);
    expect(records.every((record) => record.kind === 'record' && record.values.name === 'José' && record.values.surname === 'Müller' && record.values.price === '€5')).toBe(true);
  });

  it('decodes Latvian letters from a Windows-1257 (Baltic) export', async () => {
    // ā, ē, ļ are not in Windows-1252; Baltic exports use 1257: 0xE2 ā, 0xE7 ē, 0xEF ļ.
    const content = Buffer.concat([Buffer.from('id,name\n1,J'), Buffer.from([0xe2]), Buffer.from('nis B'), Buffer.from([0xe7, 0xef]), Buffer.from('\n')]);
    const { records } = await readAll(content, { encoding: 'windows-1257' });
    expect(records[0]).toMatchObject({ values: { name: 'Jānis Bēļ' } });
  });

  it('refuses a UTF-8 file given a one-byte --encoding before reading a row, naming the file, the line and the encoding to pass', async () => {
    const path = writeFile(Buffer.from('id,city\n1,Tukums\n2,Rīga\n', 'utf8'));
    await expect(readRecords(path, { encoding: 'windows-1257' })).rejects.toMatchObject({
      code: 'IMPORT_OPTION_INVALID', details: { field: 'encoding', file: path, line: 3 },
      message: `${path} is UTF-8, not windows-1257: line 3 reads "RÄ«ga" as windows-1257 where UTF-8 reads "Rīga". Pass --encoding utf-8 or leave --encoding out.`,
    });
  });

  it('decodes UTF-16 files announced by their byte order mark', async () => {
    const content = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id;name\r\n1;Zoë\r\n', 'utf16le')]);
    const { source, records } = await readAll(content);
    expect(source.headers).toEqual(['id', 'name']);
    expect(records[0]).toMatchObject({ values: { name: 'Zoë' } });
  });

  it('reports a truncated last line with an unclosed quote on the line it starts', async () => {
    const { records, problems } = await readAll('id,note\n1,ok\n2,"cut off\nin the mid');
    expect(records).toHaveLength(1);
    expect(problems).toEqual([expect.objectContaining({ line: 3, reason: expect.stringContaining('never closed') })]);
  });

  it('rejects ragged rows with their line and keeps reading', async () => {
    const { records, problems } = await readAll('id,name\n1,Ana\n2,Budi,extra\n3\n4,Citra\n');
    expect(records.map((record) => record.line)).toEqual([2, 5]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4]);
    expect(problems[0].kind === 'problem' && problems[0].reason).toContain('has 3 values but the header has 2 columns');
  });

  it('caps a runaway quoted record and resynchronises at the next line', async () => {
    const { records, problems } = await readAll(`id,note\n1,"${'x'.repeat(2000)}\n2,ok\n`, { maxRecordBytes: 100 });
    expect(problems[0]).toMatchObject({ line: 2, reason: expect.stringContaining('longer than 100 bytes') });
    expect(records).toEqual([expect.objectContaining({ line: 3, values: { id: '2', note: 'ok' } })]);
  });

  it('makes empty and duplicated header names unique', async () => {
    const { source } = await readAll('id,,id\n1,2,3\n');
    expect(source.headers).toEqual(['id', 'column_2', 'id_2']);
  });

  it('reports progress in bytes', async () => {
    const seen: Array<[number, number]> = [];
    const content = 'id\n1\n2\n';
    await readAll(content, { onBytes: (bytesRead, totalBytes) => seen.push([bytesRead, totalBytes]) });
    expect(seen.at(-1)).toEqual([content.length, content.length]);
  });
});

describe('readRecords on whole-file problems', () => {
  it('fails with IMPORT_FILE_NOT_FOUND for a missing file', async () => {
    await expect(readRecords(join(directory, 'missing.csv'))).rejects.toMatchObject({ code: 'IMPORT_FILE_NOT_FOUND' });
  });

  it.each(['', '\ufeff', '\n\r\n  \n'])('fails with IMPORT_FILE_EMPTY for %j', async (content) => {
    await expect(readRecords(writeFile(content))).rejects.toMatchObject({ code: 'IMPORT_FILE_EMPTY' });
  });

  it('fails with IMPORT_FILE_EMPTY for a header without rows, naming the columns', async () => {
    await expect(readRecords(writeFile('order_id,customer_id,ordered_at,amount\r\n'))).rejects.toMatchObject({
      code: 'IMPORT_FILE_EMPTY', message: expect.stringContaining('has a header (order_id, customer_id, ordered_at, amount) but no rows'),
    });
    // a header and one row is a file to import
    const read = await readRecords(writeFile('order_id,amount\n1,10\n'));
    expect(read.headers).toEqual(['order_id', 'amount']);
  });

  it('fails with IMPORT_OPTION_INVALID for a multi-character delimiter or unknown encoding', async () => {
    await expect(readRecords(writeFile('a\n1\n'), { delimiter: '::' })).rejects.toMatchObject({ code: 'IMPORT_OPTION_INVALID' });
    await expect(readRecords(writeFile('a\n1\n'), { encoding: 'klingon' })).rejects.toMatchObject({ code: 'IMPORT_OPTION_INVALID' });
  });
});

describe('readRecords on JSON Lines', () => {
  it('reads one object per line and reports broken lines with their line number', async () => {
    const content = '{"id": 1, "name": "Ana", "vip": true, "tags": ["a"]}\n\nnot json\n[1,2]\n{"id": "2", "name": null}\n{"id": 3, "name": "Cut';
    const { source, records, problems } = await readAll(content, {}, 'jsonl');
    expect(source.format).toBe('jsonl');
    expect(source.headers).toEqual(['id', 'name', 'vip', 'tags']);
    expect(records).toEqual([
      { kind: 'record', line: 1, values: { id: '1', name: 'Ana', vip: 'true', tags: '["a"]' }, raw: '{"id": 1, "name": "Ana", "vip": true, "tags": ["a"]}', nested: ['tags'] },
      { kind: 'record', line: 5, values: { id: '2', name: null }, raw: '{"id": "2", "name": null}' },
    ]);
    expect(problems.map((problem) => problem.line)).toEqual([3, 4, 6]);
    expect(problems[0].kind === 'problem' && problems[0].reason).toContain('not valid JSON');
    expect(problems[1].kind === 'problem' && problems[1].reason).toContain('not a JSON object');
  });

  it('refuses an array or object where a field wants one value, and keeps one in free text and extra columns', async () => {
    const content = ['{"order_id": ["a","b"], "amount": 1}', '{"order_id": "o2", "customer_id": {"x": 1}}', '{"kind": "visit", "detail": {"page": "/pricing"}, "tags": ["vip"]}'].join('\n');
    const { records, problems } = await readAll(content, {}, 'jsonl');
    expect(problems.map((problem) => [problem.line, problem.kind === 'problem' ? problem.reason : ''])).toEqual([
      [1, 'line 1 has a list (JSON array) in "order_id", which takes one value; give a single value for order_id: text, a number or true/false'],
      [2, 'line 2 has a group of values (JSON object) in "customer_id", which takes one value; give a single value for customer_id: text, a number or true/false'],
    ]);
    expect(records).toEqual([{ kind: 'record', line: 3, values: { kind: 'visit', detail: '{"page":"/pricing"}', tags: '["vip"]' }, raw: '{"kind": "visit", "detail": {"page": "/pricing"}, "tags": ["vip"]}', nested: ['detail', 'tags'] }]);
  });

  it('gives the readable fields of a line that is JSON but not a record, by key, and keeps the line as written in raw', async () => {
    const content = Buffer.concat([
      Buffer.from('{"order_id": "J1", "sku": ["a"], "amount": 2}\n'),
      Buffer.from('{"order_id": "J2", "note": "Jos'), Buffer.from([0xe9]), Buffer.from('"}\n'),
      Buffer.from('{"order_id": "J3", \n'),
    ]);
    const { problems } = await readAll(content, {}, 'jsonl');
    expect(problems.map((problem) => [problem.line, problem.kind === 'problem' && problem.code, problem.kind === 'problem' && problem.values])).toEqual([
      [1, 'FIELD_NOT_SCALAR', { order_id: 'J1', amount: '2' }],
      [2, 'ROW_NOT_UTF8', { order_id: 'J2', note: 'Jos\ufffd' }],
      [3, 'ROW_NOT_JSON', undefined],
    ]);
    expect(problems[0].raw).toBe('{"order_id": "J1", "sku": ["a"], "amount": 2}');
  });

  it('makes every key of every line a column, not only those of line 1', async () => {
    const lines = [
      '{"order_id":"j1","customer_id":"c1","amount":100}',
      '{"order_id":"j2","customer_id":"c1","amount":5,"currency":"USD"}',
      '{"order_id":"j3","customer_email":"a@example.com","amount":7}',
    ];
    // Later keys count even far beyond the part of the file read to sniff its format.
    const filler = Array.from({ length: 5000 }, (_, index) => `{"order_id":"f${index}","customer_id":"c1","amount":1}`);
    const { source, records } = await readAll([...lines.slice(0, 1), ...filler, ...lines.slice(1)].join('\n'), {}, 'jsonl');
    expect(source.headers).toEqual(['order_id', 'customer_id', 'amount', 'currency', 'customer_email']);
    expect(records.at(-1)).toMatchObject({ line: 5003, values: { order_id: 'j3', customer_email: 'a@example.com' } });
  });

  it('detects JSON Lines from content when the extension says nothing', async () => {
    const { source } = await readAll('{"id": 1}\n', {}, 'txt');
    expect(source.format).toBe('jsonl');
  });
});

describe('readRecords on whitespace-separated files', () => {
  it('reads fixed-width columns with a header, as in CDNOW_master.txt', async () => {
    const { source, records } = await readAll(' customer_id  date number_of_cds  dollar_value\r\n 00001 19970101  1   11.77\r\n 00002 19970112  1   12.00\r\n', {}, 'txt');
    expect(source.delimiter).toBe('whitespace');
    expect(source.headers).toEqual(['customer_id', 'date', 'number_of_cds', 'dollar_value']);
    expect(records[0]).toEqual({ kind: 'record', line: 2, values: { customer_id: '00001', date: '19970101', number_of_cds: '1', dollar_value: '11.77' }, raw: ' 00001 19970101  1   11.77' });
  });

  it('numbers the columns when the first line is data, as in CDNOW_sample.txt', async () => {
    const { source, records } = await readAll(' 00004 0001 19970101  2   29.33\r\n 00004 0001 19970118  2   29.73\r\n', { delimiter: 'whitespace' }, 'txt');
    expect(source.headers).toEqual(['column_1', 'column_2', 'column_3', 'column_4', 'column_5']);
    expect(records.map((record) => record.line)).toEqual([1, 2]);
  });
});

describe("Excel's sep= first line", () => {
  it('reads the delimiter it names, skips it, and keeps each row\'s line in the file', async () => {
    const { source, records, problems } = await readAll('sep=;\nid;email\n1;a@example.com\n2;b@example.com;extra\n3;c@example.com\n');
    expect(source.delimiter).toBe(';');
    expect(source.headers).toEqual(['id', 'email']);
    expect(records.map((record) => [record.line, record.kind === 'record' ? record.values.id : null])).toEqual([[3, '1'], [5, '3']]);
    expect(problems).toEqual([expect.objectContaining({ line: 4, code: 'ROW_COLUMN_COUNT' })]);
  });

  it('reads a sep=, file with its commas, even when the values hold semicolons; --delimiter still wins', async () => {
    const { source, records } = await readAll('SEP=,\r\nid,note\r\n1,a;b;c\r\n');
    expect(source.headers).toEqual(['id', 'note']);
    expect(records).toEqual([expect.objectContaining({ line: 3, values: { id: '1', note: 'a;b;c' } })]);
    expect((await readAll('sep=;\nid|name\n1|Ana\n', { delimiter: '|' })).source.headers).toEqual(['id', 'name']);
  });
});
