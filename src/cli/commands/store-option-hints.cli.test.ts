import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it, vi } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { testSharedBuffers } from '../../../test/helpers/stores.js';
import { runCommandLine } from '../run-command-line.js';

/** The `clientele …` commands a text suggests between backticks, each as the words a shell reads from it. */
function suggestedCommands(text: string): string[][] {
  return [...text.matchAll(/`(clientele [^`]*)`/g)].map(([, command]) => {
    const words = execFileSync('sh', ['-c', `printf '%s\\0' ${command}`], { encoding: 'utf8' });
    return words.split('\0').slice(0, -1);
  });
}

/** The store option of a message's first suggested command, checked to be what the shell reads back as the store `db`. */
function storeOptionIn(text: string, db: string): string {
  const option = text.match(/clientele (--db (?:'[^']*'|\S+)) /)?.[1];
  expect(option, text).toBeDefined();
  expect(suggestedCommands(`\`clientele ${option} analyze\``)[0].slice(1, 3)).toEqual(['--db', db]);
  return option!;
}

/** Runs a command line with the store named by the environment alone (no --db), as DATABASE_URL or CLIENTELE_DATA_DIR names it. */
async function runWithStoreFromEnvironment(variables: Record<string, string>, args: string[]): Promise<string> {
  const stdout: string[] = [];
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (stdout.push(String(chunk)), true));
  const writeErr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  const all = { CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers, ...variables };
  const saved = Object.fromEntries(Object.keys(all).map((name) => [name, process.env[name]]));
  Object.assign(process.env, all);
  try {
    const { exitCode } = await runCommandLine(['node', 'clientele', ...args]);
    expect(exitCode).toBe(0);
    return stdout.join('');
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
    write.mockRestore();
    writeErr.mockRestore();
  }
}

const workDir = mkdtempSync(join(tmpdir(), 'clientele-store-hints-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

// The reviewer's case: `clientele --db ./riga settings show` suggested `clientele settings set --country LV`, which changes ./.clientele.
describeEachCliStore('the commands the CLI suggests, on a store given with --db', (context) => {
  it('name that store in a text hint, quoted for the shell where it needs it', async () => {
    const report = await runCliInProcess(context.db, ['report', 'types']);
    expect(report.stdout).toContain('No analysis yet: run `clientele --db ');
    expect(suggestedCommands(report.stdout)).toEqual([['clientele', '--db', context.db, 'analyze']]);
  }, 120_000);

  it('name it in a hint --json carries', async () => {
    const listed = await runCliInProcess(context.db, ['--json', 'personas', 'list']);
    const { reason } = JSON.parse(listed.stdout) as { reason: string };
    const option = storeOptionIn(reason, context.db);
    expect(reason).toContain(`\`clientele ${option} personas discover\` cannot run yet`);
    // the domain's part of the reason (no buyers yet: import orders) names it too
    expect(reason).toContain(`(\`clientele ${option} import orders <file>\`)`);
  }, 120_000);

  it('name it in a failure a domain words, as text and as --json, and in one found while parsing the arguments', async () => {
    const refused = await runCliInProcess(context.db, ['personas', 'assign']);
    expect(refused.exitCode).toBe(1);
    expect(refused.stderr).toContain(`No personas have been discovered yet. Run \`clientele ${storeOptionIn(refused.stderr, context.db)} personas discover\` first.`);
    const json = await runCliInProcess(context.db, ['--json', 'personas', 'assign']);
    const { message } = JSON.parse(json.stdout).error as { message: string };
    expect(message).toContain(`Run \`clientele ${storeOptionIn(message, context.db)} personas discover\` first.`);

    const byName = await runCliInProcess(context.db, ['customers', 'show', 'Ana']);
    expect(byName.exitCode).toBe(1);
    expect(byName.stderr).toContain(`use clientele ${storeOptionIn(byName.stderr, context.db)} customers list -q "Ana".`);
  }, 120_000);

  it('suggest in settings show a change that is one, which run as written changes this store', async () => {
    const shown = await runCliInProcess(context.db, ['settings', 'show']);
    const [command] = suggestedCommands(shown.stdout);
    expect(command).toEqual(['clientele', '--db', context.db, 'settings', 'set', '--currency', 'EUR', '--time-zone', 'Europe/Riga', '--country', 'LV']);
    expect((await runCliInProcess(command[2], command.slice(3))).exitCode).toBe(0);

    // now that the store has the first example values, the example is the other ones
    const again = await runCliInProcess(context.db, ['settings', 'show']);
    expect(again.stdout).toMatch(/^currency +EUR /m);
    expect(suggestedCommands(again.stdout)[0]).toEqual(['clientele', '--db', context.db, 'settings', 'set', '--currency', 'USD', '--time-zone', 'Asia/Jakarta', '--country', 'ID']);
  }, 120_000);

  it('leave the store out when the environment named it: the same command in the same shell finds it, and its URL is not printed', async () => {
    const variable = context.kind === 'embedded' ? 'CLIENTELE_DATA_DIR' : 'DATABASE_URL';
    const text = await runWithStoreFromEnvironment({ [variable]: context.db }, ['settings', 'show']);
    // the store the case above changed: its example is still not its own values
    expect(text).toContain('e.g. `clientele settings set --currency USD --time-zone Asia/Jakarta --country ID`.');
  }, 120_000);

  it('name it in an import reject\'s reason, in the summary and in --json', async () => {
    // an order in dollars, in a store in euros by now (the case above) with no rate from them
    const file = join(workDir, `${context.kind}-dollar-order.csv`);
    writeFileSync(file, 'order_id,customer_email,ordered_at,amount,currency\nU1,u@example.com,2025-03-01 10:00,12.50,USD\n');
    const text = await runCliInProcess(context.db, ['import', 'orders', file]);
    expect(text.exitCode).toBe(2);
    const option = storeOptionIn(text.stdout, context.db);
    expect(text.stdout).toContain(`Add one with \`clientele ${option} rates set USD <rate>\``);
    const json = await runCliInProcess(context.db, ['--json', 'import', 'orders', file]);
    const summary = JSON.parse(json.stdout) as { rejectsSample: Array<{ reason: string }>; rejectCounts: Array<{ first: { reason: string } }> };
    expect(summary.rejectCounts[0].first.reason).toContain(`\`clientele ${option} rates set USD <rate>\``);
    expect(summary.rejectsSample[0].reason).toBe(summary.rejectCounts[0].first.reason);
  }, 120_000);
});
