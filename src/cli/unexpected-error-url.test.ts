import { describe, expect, it } from 'vitest';
import { describeUnexpectedError } from './unexpected-error.js';

/** What `new URL` throws for a URL it cannot parse, as opening the store did. */
function invalidUrlError(url: string): unknown {
  try {
    new URL(url);
  } catch (error) {
    return error;
  }
  throw new Error(`${url} parsed`);
}

describe('a server URL that cannot be parsed', () => {
  it('is a usage error naming --db and what is wrong, not an internal error', () => {
    const url = 'postgres://postgres@127.0.0.1:notaport/x';
    expect(describeUnexpectedError(invalidUrlError(url), { db: url, argv: [] })).toMatchObject({
      code: 'CLI_ARGUMENT_INVALID', details: { field: '--db' }, message: '--db cannot be opened: the port "notaport" is not a number.',
    });
  });

  it('names DATABASE_URL when no --db was given', () => {
    const url = 'postgres://postgres@127.0.0.1:notaport/x';
    const saved = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      expect(describeUnexpectedError(invalidUrlError(url), { argv: [] })).toMatchObject({ code: 'CONFIG_INVALID', details: { field: 'DATABASE_URL' } });
    } finally {
      if (saved === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = saved;
    }
  });
});
