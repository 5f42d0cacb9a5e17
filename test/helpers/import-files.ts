import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fixedClock } from '../../src/core/clock.js';

/** What an import test passes to importFile beside entity and file: a fixed clock after every test's dates, no rejects file. */
export const importDefaults = { actor: 'cli:test', clock: fixedClock('2026-12-31T00:00:00Z'), rejectsPath: null };

/** A scratch directory for a test's input files; `file` writes one and returns its path. */
export function scratchFiles(prefix: string): { directory: string; file: (name: string, text: string) => string } {
  const directory = mkdtempSync(join(tmpdir(), `clientele-${prefix}-`));
  return {
    directory,
    file: (name, text) => {
      const path = join(directory, name);
      writeFileSync(path, text);
      return path;
    },
  };
}
