import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-cli-demo-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// Each case starts the real binary and loads the 8,000-row UCI sample (several seconds on a busy machine).
describe('clientele demo load of a public data set', { timeout: 240_000 }, () => {
  it('says which rows it did not load and why, and where it wrote them', async () => {
    const rejects = join(workDir, 'rejects');
    const { code, stdout } = await runCli(['--db', join(workDir, 'with-rejects'), 'demo', 'load', 'online-retail', '--rejects', rejects]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^orders +8000 +5710 +0 +0 +2290 +377$/m);
    const file = join(rejects, 'online_retail_sample.csv.rejects.csv');
    expect(stdout).toContain([
      'Not loaded from online_retail_sample.csv: 2,290 rows',
      '  2,290  CUSTOMER_MISSING: rows without a CustomerID (UCI: the retailer recorded no customer for these sales, e.g. guest purchases), so they are no one\'s purchases',
      `  Each row, with its line and reason: ${file}`,
    ].join('\n'));
    expect(existsSync(file)).toBe(true);
  });

  it('says why it wrote no rejects file when not asked for one', async () => {
    const { code, stdout } = await runCli(['--db', join(workDir, 'without-rejects'), 'demo', 'load', 'customer-personality']);
    expect(code).toBe(0);
    expect(stdout).toContain([
      'Not loaded from marketing_campaign.csv: 2 rows',
      '  2  BIRTH_YEAR_OUT_OF_RANGE: customers born before 1900 by their Year_Birth (1893, 1899: implausible, as the data set\'s README notes); the store keeps birth years from 1900',
      '  No rejects file by default (the data set lives in the product\'s folder): add --rejects <directory> to list each row with its line and reason.',
    ].join('\n'));
  });
});
