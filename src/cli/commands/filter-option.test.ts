import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readFilterOption } from './filter-option.js';

describe('--filter as JSON or @file', () => {
  const directory = mkdtempSync(join(tmpdir(), 'clientele-filter-option-'));
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it('reads the filter from the text or from the file after @', () => {
    const filter = { field: 'city', op: 'eq', value: 'Bandung' };
    const file = join(directory, 'filter.json');
    writeFileSync(file, JSON.stringify(filter));
    expect(readFilterOption(JSON.stringify(filter))).toEqual(filter);
    expect(readFilterOption(`@${file}`)).toEqual(filter);
  });

  it('says a file that cannot be read is the path to check, not an internal error', () => {
    const missing = join(directory, 'nonexistent.json');
    expect(() => readFilterOption(`@${missing}`)).toThrow(expect.objectContaining({
      code: 'CLI_ARGUMENT_INVALID', message: `The filter file ${missing} cannot be read (ENOENT); check the path after @.`,
    }));
  });

  it('names JSON that does not parse', () => {
    expect(() => readFilterOption('{"field": ')).toThrow(expect.objectContaining({ code: 'SEGMENT_FILTER_INVALID' }));
  });
});
