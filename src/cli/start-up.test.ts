import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The packages a module loads before anything runs: its static imports and theirs, followed
 * through the sources (`import type` is erased; `import()` waits until it is called). Every
 * `clientele` process pays for these, so commands register cheaply and load their work when they run.
 */
function packagesLoadedBy(...entries: string[]): Set<string> {
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (url: URL) => {
    if (seen.has(url.href)) return;
    seen.add(url.href);
    const source = readFileSync(fileURLToPath(url), 'utf8');
    for (const [, specifier] of source.matchAll(/^(?:import|export)(?!\s+type\s)(?:[^;'"()]*?\bfrom)?\s*['"]([^'"]+)['"]/gm)) {
      if (specifier.startsWith('.')) visit(new URL(specifier.replace(/\.js$/, '.ts'), url));
      else if (!specifier.startsWith('node:') && !builtinModules.includes(specifier)) packages.add(specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/'));
    }
  };
  for (const entry of entries) visit(new URL(entry, import.meta.url));
  return packages;
}

describe('what a clientele process loads', () => {
  it('registers every command (their names, options and help) with commander and the API\'s day checks alone', () => {
    expect([...packagesLoadedBy('./main.ts')].sort()).toEqual(['commander', 'zod']);
  });

  it('lists customers without the server, the models, the clustering, password hashing or the progress bar', () => {
    const loaded = packagesLoadedBy('./main.ts', './store-session.ts', './commands/customers-list-run.ts');
    expect(loaded).toContain('kysely');
    for (const heavy of ['fastify', '@fastify/swagger', '@node-rs/argon2', '@stdlib/math-base-special-hyp2f1', 'ml-kmeans', 'cli-progress', 'csv-parse']) expect(loaded, heavy).not.toContain(heavy);
  });
});
