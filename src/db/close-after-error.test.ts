import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('../../test/fixtures/db/close-after-failed-statement.ts', import.meta.url));

describe('an embedded store closes after a failed statement', () => {
  // PGlite's close() spun forever after a failed statement with parameters (a CLI command that
  // failed that way never exited); the store now settles the session first
  it.each([['in memory', 'memory://'], ['in a directory', 'directory']])('%s', (_name, target) => {
    const directory = mkdtempSync(join(tmpdir(), 'clientele-close-'));
    try {
      const result = spawnSync(process.execPath, ['--import', 'tsx', script, target === 'directory' ? join(directory, 'store') : target], { encoding: 'utf8', timeout: 60_000 });
      expect({ signal: result.signal, status: result.status, stdout: result.stdout }).toEqual({
        signal: null, status: 0, stdout: 'failed: column "no_such_column" does not exist\nclosed\n',
      });
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  }, 90_000);
});
