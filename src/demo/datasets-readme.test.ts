import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { datasetsDirectory, demoDatasets } from './datasets.js';

const readme = readFileSync(join(datasetsDirectory, 'README.md'), 'utf8');
const rowOf = (table: string, name: string) => readme.split('\n').find((line) => line.startsWith(`| \`${name}${table === 'uses' ? '/' : ''}\` |`)) ?? '';

it.each(demoDatasets.map(({ name, expectedRejects }) => [name, Object.keys(expectedRejects ?? {}).sort()] as const))(
  'names in data/datasets/README.md the reject codes that loading %s prints', (name, codes) => {
    const named = [...rowOf('rejects', name).matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((match) => match[1]).sort();
    expect(named).toEqual(codes);
  },
);

it('does not offer a data set without orders for what needs buyers', () => {
  for (const { name, imports } of demoDatasets) {
    if (imports.some(({ entity }) => entity === 'orders' || entity === 'lines')) continue;
    expect(rowOf('uses', name), name).not.toMatch(/(?<!no )persona discovery/);
  }
});
