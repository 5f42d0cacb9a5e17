import { describe, expect, it } from 'vitest';
import { describeUnexpectedError } from './unexpected-error.js';

const failure = (syscall: string, path: string, code: string) => Object.assign(new Error(`${code}: ${syscall} '${path}'`), { syscall, path, code });

describe('describeUnexpectedError', () => {
  it('says write, naming the option, for a file the command writes', () => {
    const argv = ['node', 'clientele', 'import', 'orders', 'orders.csv', '--rejects', '/nowhere/rejects.csv'];
    const described = describeUnexpectedError(failure('open', '/nowhere/rejects.csv', 'ENOENT'), { db: '/tmp/store', argv });
    expect(described).toMatchObject({ code: 'CLI_FILE_UNWRITABLE', details: { field: '--rejects', file: '/nowhere/rejects.csv' } });
    expect(described.message).toMatch(/^Cannot write \/nowhere\/rejects.csv \(--rejects\): no such file or directory/);
    const inline = describeUnexpectedError(failure('open', '/nowhere/m.csv', 'ENOENT'), { db: '/tmp/store', argv: ['node', 'clientele', 'segments', 'members', 'x', '--csv=/nowhere/m.csv'] });
    expect(inline).toMatchObject({ code: 'CLI_FILE_UNWRITABLE', details: { field: '--csv' } });
  });

  it('says read for a file the command reads', () => {
    const argv = ['node', 'clientele', 'import', 'orders', '/nowhere/orders.csv'];
    expect(describeUnexpectedError(failure('open', '/nowhere/orders.csv', 'ENOENT'), { db: '/tmp/store', argv }))
      .toMatchObject({ code: 'CLI_FILE_UNREADABLE', message: expect.stringMatching(/^Cannot read \/nowhere\/orders.csv/) });
  });

  it('names a file in the way of the store directory, as for a --db that is a file', () => {
    const described = describeUnexpectedError(failure('mkdir', `${import.meta.filename}/store`, 'ENOTDIR'), { db: `${import.meta.filename}/store`, argv: [] });
    expect(described).toMatchObject({ code: 'STORE_NOT_A_DIRECTORY', details: { field: '--db', file: import.meta.filename } });
  });
});
