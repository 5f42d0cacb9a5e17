import { userInfo } from 'node:os';
import { expect, it } from 'vitest';
import { runCli } from '../helpers/cli.js';
import { describeEachCliStore, runCliInProcess } from '../helpers/cli-in-process.js';
import { createApiKey, findUser, permissionsByRole } from '../../src/auth/index.js';

const shellActor = `cli:${userInfo().username}`;

// The cases build on each other's store. They run the command tree in this process, with main.ts's
// exit codes and error printing; the refusals also run the real binary, for what main.ts prints.
describeEachCliStore('clientele for an admin and a support agent', (context) => {
  const cli = async (args: string[]) => {
    const result = await runCliInProcess(context.db, args);
    return { code: result.exitCode, stdout: result.stdout, stderr: result.stderr };
  };
  // a real process, once per command group (on the embedded store, as a person's first store is)
  const cliProcess = (args: string[]) => (context.kind === 'embedded' ? runCli(['--db', context.db, ...args]) : cli(args));
  const json = async (args: string[]) => {
    const result = await cli(['--json', ...args]);
    // the first command on a new store says how it was set up, on stderr: stdout stays one JSON document
    const stderr = result.stderr.replace(/^New store: .*\n/, '');
    expect({ args, code: result.code, stderr }).toEqual({ args, code: 0, stderr: '' });
    return JSON.parse(result.stdout);
  };

  let anaId: number;

  it('creates a customer as the API does, audited with the fields given', async () => {
    const created = await json(['customers', 'create', '--name', 'Ana Wijaya', '--email', 'ana@example.com', '--city', 'Bandung', '--consent-email', 'yes', '--identity', 'loyalty_card:LC-1473']);
    expect(Object.keys(created)).toEqual(['customer', 'consents', 'identities', 'traits', 'categories', 'prediction', 'rfm', 'persona']);
    expect(created.customer).toMatchObject({ name: 'Ana Wijaya', email: 'ana@example.com', city: 'Bandung', consent_email: true });
    expect(created.identities.map((identity: { kind: string; value: string }) => `${identity.kind}:${identity.value}`).sort()).toEqual(['email:ana@example.com', 'external:LC-1473']);
    anaId = created.customer.customer_id;

    const text = await cli(['customers', 'create', '--name', 'Budi', '--phone', '0812 3456 7890']);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Created customer #\d+ \(Budi\); identities: phone \+6281234567890\.$/m);
  }, 240_000);

  it('refuses an identity another customer has, and a country that names none, with the reason', async () => {
    const taken = await cliProcess(['--json', 'customers', 'create', '--name', 'Ana again', '--email', 'ANA@example.com']);
    expect(taken.code).toBe(1);
    expect(JSON.parse(taken.stdout)).toEqual({ error: { code: 'CUSTOMER_IDENTITY_CONFLICT', message: expect.stringContaining(`This customer already exists as #${anaId}`), field: '--email', details: { belongsTo: anaId } } });
    const country = await cliProcess(['customers', 'update', String(anaId), '--country', 'XX']);
    expect(country.code).toBe(1);
    expect(country.stderr).toContain('--country: "XX" is not a two-letter ISO 3166-1 country code such as ID or LV, or a country\'s name in English, Indonesian or Latvian.');
    const missing = await cli(['customers', 'update', '99999', '--city', 'Jakarta']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('CUSTOMER_NOT_FOUND');
  }, 240_000);

  it('updates a customer, a blank value clearing a field, and audits the values before and after', async () => {
    const updated = await json(['customers', 'update', String(anaId), '--city', 'Jakarta', '--country', 'lv', '--consent-email', '', '--identity', 'phone:+62 811 111 222']);
    expect(updated.change).toEqual({ before: { city: 'Bandung', country: null, consentEmail: true }, after: { city: 'Jakarta', country: 'LV', consentEmail: null } });
    expect(updated.customer).toMatchObject({ city: 'Jakarta', country: 'LV', consent_email: null });
    const text = await cli(['customers', 'update', String(anaId), '--city', '']);
    expect(text.stdout.trim()).toBe(`Customer #${anaId}: city: Jakarta → (none).`);

    const log = await json(['audit', '--entity', 'customer', '--entity-id', String(anaId)]);
    expect(Object.keys(log)).toEqual(['items', 'nextCursor']);
    expect(log.items.map((event: { action: string }) => event.action)).toEqual(['customer.update', 'customer.update', 'customer.create']);
    expect(log.items[1]).toMatchObject({
      actor: shellActor, entity: 'customer', entityId: String(anaId), occurredAt: expect.stringMatching(/Z$/),
      detail: { fields: ['city', 'country', 'consentEmail'], before: { city: 'Bandung' }, after: { city: 'Jakarta' }, identities: 1 },
    });
    expect(log.items[2].detail).toEqual({ fields: ['name', 'email', 'city', 'consentEmail'] });
  }, 240_000);

  it("shows the audit log newest first on the store's clock, filtered as the API filters it, page by page", async () => {
    const text = await cliProcess(['audit', '--actor', userInfo().username, '--action', 'customer.update']);
    expect(text.code).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(/^time\s+actor\s+action\s+entity\s+detail$/);
    expect(lines[2]).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d  ${shellActor}\\s+customer\\.update  customer ${anaId}\\s+city: Jakarta → \\(none\\)$`));
    // the table cuts a cell at 60 characters, and says so, but never its last column: the detail is whole
    expect(lines[3]).toMatch(/customer \d+\s+city: Bandung → Jakarta; country: \(none\) → LV; consentEmail: [^…]+$/);
    expect(text.stdout).toContain('(times in Asia/Jakarta)\n2 shown, newest first');

    const first = await json(['audit', '--limit', '1']);
    expect(first.items).toHaveLength(1);
    const second = await json(['audit', '--limit', '1', '--cursor', first.nextCursor]);
    expect(second.items[0].auditId).toBeLessThan(first.items[0].auditId);
    expect((await json(['audit', '--since', '2100-01-01'])).items).toEqual([]);
    expect((await json(['audit', '--since', '2020-01-01', '--action', 'customer.create'])).items).toHaveLength(2);
  }, 240_000);

  it("lists API keys with the scopes still in effect after their creator's demotion, and who made them", async () => {
    expect((await cliProcess(['users', 'create', '--email', 'sari@example.com', '--name', 'Sari', '--role', 'admin', '--password', 'a-long-password-1'])).code).toBe(0);
    await context.withStore(async (store) => {
      const sari = await findUser(store.db, 'sari@example.com');
      const caller = { actor: `user:${sari.userId}:sari@example.com`, role: 'admin' as const, userId: sari.userId, apiKeyId: null, permissions: permissionsByRole.admin };
      const parent = await createApiKey(store.db, caller, { name: 'sari-bi', scopes: ['read', 'admin'] }, new Date());
      const viaKey = { ...caller, actor: `api-key:${parent.apiKey.apiKeyId}:sari-bi`, apiKeyId: parent.apiKey.apiKeyId };
      await createApiKey(store.db, viaKey, { name: 'sari-child', scopes: ['read'] }, new Date());
    });
    expect((await cli(['users', 'set-role', 'sari@example.com', 'analyst'])).code).toBe(0);
    expect((await cliProcess(['api-keys', 'create', '--name', 'shop-feed', '--scope', 'ingest'])).code).toBe(0);

    const keys = await json(['api-keys', 'list']);
    expect(keys.find((key: { name: string }) => key.name === 'sari-bi')).toMatchObject({ scopes: ['read', 'admin'], scopesInEffect: ['read'], creator: { email: 'sari@example.com', role: 'analyst' } });
    const text = (await cli(['api-keys', 'list'])).stdout;
    expect(text.split('\n')[0]).toMatch(/^id\s+name\s+prefix\s+scopes\s+in effect\s+creator\s+made by key\s+created/);
    const parentId = keys.find((key: { name: string }) => key.name === 'sari-bi').apiKeyId;
    expect(keys.find((key: { name: string }) => key.name === 'sari-child')).toMatchObject({ createdByKey: { apiKeyId: parentId, name: 'sari-bi' } });
    expect(text).toMatch(new RegExp(`sari-child\\s+clt_\\w+_…\\s+read\\s+read\\s+sari@example\\.com \\(analyst\\)\\s+#${parentId} \\(sari-bi\\)`));
    expect(text).toMatch(/sari-bi\s+clt_\w+_…\s+read,admin\s+read \(suspended: admin\)\s+sari@example\.com \(analyst\)/);
    expect(text).toMatch(/shop-feed\s+clt_\w+_…\s+ingest\s+ingest\s+\(command line\)/);

    const byKeyCreator = await json(['audit', '--actor', 'sari@example.com']);
    expect(byKeyCreator.items.map((event: { action: string }) => event.action)).toEqual(['api-key.create']);
  }, 240_000);
});
