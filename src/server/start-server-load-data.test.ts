import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { backtickedCommands, pastedWords } from '../../test/helpers/pasted-words.js';
import { startServer, startUpBanner } from './start-server.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-load-data-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('what an unused embedded store in a folder with a space says to load data', () => {
  it('names the folder as one word in each command, pasted into a shell', async () => {
    const store = join(directory, 'Klienti 2026');
    const server = await startServer({ db: store, port: 5473, host: '127.0.0.1', demo: false, logLevel: 'warn' });
    await server.close();
    const location = server.facts.store.location;
    expect(location).toMatch(/Klienti 2026$/);
    expect(backtickedCommands(server.facts.loadData.join('\n')).map(pastedWords)).toEqual([
      ['clientele', '--db', location, 'demo', 'load', 'synthetic'],
      ['clientele', 'demo', 'list'],
      ['clientele', '--db', location, 'serve', '--demo'],
    ]);
    expect(startUpBanner(server.facts)).toContain(`clientele --db "${location}" demo load synthetic`);
  }, 120_000);
});
