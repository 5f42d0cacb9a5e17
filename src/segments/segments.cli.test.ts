import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Command } from 'commander';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createCliRuntime } from '../cli/runtime.js';
import { registerSegmentsCommand } from '../cli/commands/segments.js';
import { registerPersonasCommand } from '../cli/commands/personas.js';
import { openStore } from '../db/client.js';
import { migrate } from '../db/migrate.js';
import { plantPopulation } from '../../test/fixtures/segments/planted-population.js';
import { readRecords } from '../ingest/readers/read-records.js';
import { sql } from 'kysely';

/** Runs `clientele <args>` with only the segment and persona commands, returning what it printed. */
async function run(directory: string, args: string[]): Promise<string> {
  const program = new Command('clientele').option('--json').option('--db <url-or-directory>').exitOverride();
  const runtime = createCliRuntime(program);
  registerSegmentsCommand(program, runtime);
  registerPersonasCommand(program, runtime);
  const chunks: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (chunks.push(String(chunk)), true));
  try {
    await program.parseAsync(['node', 'clientele', '--db', directory, ...args]);
  } finally {
    write.mockRestore();
  }
  return chunks.join('');
}

describe('clientele segments and personas', () => {
  let directory: string;
  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'clientele-segments-cli-'));
    const store = await openStore(directory);
    await migrate(store);
    await plantPopulation(store.db, { customers: 300, seed: 4, asOf: new Date(), consentProfiling: true });
    await store.close();
  }, 180_000);
  afterAll(async () => rm(directory, { recursive: true, force: true }));

  it('previews, creates, lists, shows and pages through a segment', async () => {
    const filter = JSON.stringify({ and: [{ field: 'city', op: 'eq', value: 'Jakarta' }, { field: 'kind', op: 'eq', value: 'person' }] });
    const preview = JSON.parse(await run(directory, ['--json', 'segments', 'preview', '--filter', filter]));
    expect(preview.count).toBeGreaterThan(20);
    const created = JSON.parse(await run(directory, ['--json', 'segments', 'create', 'Jakarta people', '--filter', filter]));
    expect(created.refresh.members).toBe(preview.count);
    expect(await run(directory, ['segments', 'list'])).toContain('Jakarta people');
    expect(await run(directory, ['segments', 'show', 'Jakarta people'])).toContain('"value": "Jakarta"');
    const page = JSON.parse(await run(directory, ['--json', 'segments', 'members', 'Jakarta people', '--limit', '5']));
    expect(page.items).toHaveLength(5);
    const refreshed = JSON.parse(await run(directory, ['--json', 'segments', 'refresh']));
    expect(refreshed.items[0]).toMatchObject({ entered: 0, left: 0 });
  }, 180_000);

  it('writes every member of a segment to a CSV file with consent, and says how many', async () => {
    // consent as a store holds it: given, refused, or never asked (null)
    const store = await openStore(directory);
    await sql`update customer set consent_email = case customer_id % 3 when 0 then true when 1 then false end, consent_sms = (customer_id % 2 = 0),
      consent_whatsapp = case customer_id % 5 when 0 then true when 1 then false end`.execute(store.db);
    await store.close();
    const filter = JSON.stringify({ field: 'city', op: 'eq', value: 'Jakarta' });
    const created = JSON.parse(await run(directory, ['--json', 'segments', 'create', 'Jakarta export', '--filter', filter]));
    const members = created.refresh.members;
    // more than one page of the default size, so --limit would have cut it short
    expect(members).toBeGreaterThan(50);
    const file = join(directory, 'jakarta.csv');
    const written = JSON.parse(await run(directory, ['--json', 'segments', 'members', 'Jakarta export', '--csv', file]));
    expect(written).toEqual({ segmentId: created.segment.segment_id, name: 'Jakarta export', file, members });
    // after the byte order mark the web app's export starts with too
    const [header] = (await readFile(file, 'utf8')).replace(/^\ufeff/, '').split('\r\n');
    expect(header.split(',').slice(0, 3)).toEqual(['customer_id', 'name', 'email']);
    // the consents together, WhatsApp's among them, then the predictions and persona for campaign tools (empty until models are fitted)
    expect(header.split(',').slice(-10)).toEqual(['consent_email', 'consent_sms', 'consent_profiling', 'consent_whatsapp', 'entered_at', 'clv (IDR)', 'clv_minor', 'p_alive', 'churn_risk', 'persona']);
    expect(header).toContain('revenue (IDR)');
    const rows: Array<Record<string, string | null>> = [];
    for await (const item of await readRecords(file)) if (item.kind === 'record') rows.push(item.values);
    expect(rows).toHaveLength(members);
    const ids = rows.map((row) => Number(row.customer_id));
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    for (const row of rows) {
      const id = Number(row.customer_id);
      expect([row.consent_email ?? '', row.consent_sms, row.consent_profiling ?? '']).toEqual([['true', 'false', ''][id % 3], String(id % 2 === 0), 'true']);
      expect(row.consent_whatsapp ?? '').toBe(['true', 'false'][id % 5] ?? '');
      expect(row.email).toMatch(/@planted\.test$/);
    }
    // only those who agreed to WhatsApp, the others counted as left out
    const onWhatsapp = join(directory, 'jakarta-whatsapp.csv');
    const consenting = JSON.parse(await run(directory, ['--json', 'segments', 'members', 'Jakarta export', '--csv', onWhatsapp, '--consent', 'whatsapp']));
    const agreedIds = ids.filter((id) => id % 5 === 0);
    expect(consenting).toMatchObject({ members: agreedIds.length, consent: 'whatsapp', leftOut: members - agreedIds.length });
    const whatsappRows: Array<Record<string, string | null>> = [];
    for await (const item of await readRecords(onWhatsapp)) if (item.kind === 'record') whatsappRows.push(item.values);
    expect(whatsappRows.map((row) => [Number(row.customer_id), row.consent_whatsapp])).toEqual(agreedIds.map((id) => [id, 'true']));
    // the human form names the file; a file that cannot be written is refused, leaving nothing behind
    expect(await run(directory, ['segments', 'members', 'Jakarta export', '--csv', file])).toContain(`Wrote ${members} members of segment #${created.segment.segment_id} "Jakarta export" to ${file}.`);
    const unwritable = join(directory, 'no-such-directory', 'x.csv');
    await expect(run(directory, ['segments', 'members', 'Jakarta export', '--csv', unwritable])).rejects.toMatchObject({ code: 'CLI_FILE_UNWRITABLE' });
    expect(existsSync(unwritable)).toBe(false);
  }, 180_000);

  it('rejects a filter that is not JSON or not valid, naming the problem', async () => {
    await expect(run(directory, ['segments', 'preview', '--filter', '{city: Jakarta}'])).rejects.toThrow(/not valid JSON/);
    await expect(run(directory, ['segments', 'preview', '--filter', '{"field":"citty","op":"eq","value":"x"}'])).rejects.toThrow(/did you mean "city"/);
  });

  it('discovers, lists, renames, pins and shows personas', async () => {
    const discovery = JSON.parse(await run(directory, ['--json', 'personas', 'discover', '--k', '5']));
    expect(discovery.k).toBe(5);
    const id = String(discovery.personas[0].personaId);
    expect(await run(directory, ['personas', 'rename', id, 'Core buyers', '--description', 'our base'])).toContain('"Core buyers"');
    expect(await run(directory, ['personas', 'pin', id])).toContain('pinned');
    expect(await run(directory, ['personas', 'list'])).toContain('Core buyers');
    expect(await run(directory, ['personas', 'show', id])).toContain('our base');
    const drift = JSON.parse(await run(directory, ['--json', 'personas', 'drift', '--before', '2020-01-01..2021-01-01', '--after', '2021-01-01..2022-01-01']));
    expect(drift.attributes.length).toBeGreaterThan(5);
  }, 180_000);
});
