import { describe, expect, it } from 'vitest';
import { runCliInProcess } from '../../test/helpers/cli-in-process.js';

const serverUrl = process.env.TEST_DATABASE_URL;

// A server that answers "no such database" or "not this user" gives the same answer to the same
// URL however often it is asked: exit 1 (fix the command), not 3 (retry later).
describe.skipIf(!serverUrl)('a store server that refuses the URL', () => {
  const withPath = (change: (url: URL) => void) => {
    const url = new URL(serverUrl!);
    change(url);
    return url.toString();
  };

  it('exits 1 for a database that does not exist, saying to fix --db', async () => {
    const missing = withPath((url) => { url.pathname = '/clientele_no_such_database'; url.search = ''; });
    const result = await runCliInProcess(missing, ['--json', 'customers', 'list']);
    expect(result.exitCode).toBe(1);
    expect(JSON.parse(result.stdout).error).toMatchObject({
      code: 'STORE_CONNECTION_INVALID', field: '--db',
      message: expect.stringMatching(/: the database does not exist\. Retrying will not help: fix --db \(the database name, or create the database first\)\.$/),
    });
  }, 60_000);

  it('exits 1 for a user the server does not know', async () => {
    const stranger = withPath((url) => { url.username = 'clientele_no_such_user'; url.password = 'x'; });
    const result = await runCliInProcess(stranger, ['customers', 'list']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(/^error STORE_CONNECTION_INVALID: Cannot open .*: the (password was refused|server refused this user)\. Retrying will not help: fix --db/m);
  }, 60_000);

  it('still exits 3 for a server that cannot be reached, which a retry may find up', async () => {
    const down = withPath((url) => { url.port = '1'; });
    const result = await runCliInProcess(down, ['--json', 'customers', 'list']);
    expect(result.exitCode).toBe(3);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: 'STORE_CONNECTION_UNAVAILABLE' });
  }, 60_000);
});
