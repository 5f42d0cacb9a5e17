import { describe, expect, it } from 'vitest';
import { fileBaseName } from './file-base-name.js';

describe('a file shown by its own name', () => {
  it.each([
    ['/tmp/clientele-demo-AbC123/orders.csv', 'orders.csv'],
    ['C:\\Users\\ana\\Downloads\\customers.csv', 'customers.csv'],
    ['exports/2026\\lines.csv', 'lines.csv'],
    ['orders.csv', 'orders.csv'],
    ['./orders 2026-01.csv', 'orders 2026-01.csv'],
    ['/srv/imports/', 'imports'],
  ])('shows %s as %s', (fileName, shown) => {
    expect(fileBaseName(fileName)).toBe(shown);
  });

  it('keeps a name made only of separators as written, rather than showing nothing', () => {
    expect(fileBaseName('/')).toBe('/');
  });
});
