import { expect, it } from 'vitest';
import { describeEachCliStore, runCliInProcess } from '../../../test/helpers/cli-in-process.js';
import { createApiKey, shellCaller, type Caller } from '../../auth/index.js';
import { permissionsOfScopes } from '../../auth/permissions.js';

describeEachCliStore('clientele api-keys revoke', (context) => {
  it('names every key the revoke took with it: the keys the key made, and theirs', async () => {
    const now = new Date();
    // a key made by a key acts as that key (an admin key here, made from the shell)
    const viaKey = (apiKeyId: number): Caller => ({ ...shellCaller('cli:test'), actor: `api-key:${apiKeyId}:k`, role: 'owner', userId: null, apiKeyId, permissions: permissionsOfScopes(['admin', 'read']) });
    const { root, child, grandchild, other } = await context.withStore(async ({ db }) => {
      const made = await createApiKey(db, shellCaller('cli:test'), { name: 'adm', scopes: ['admin', 'read'] }, now);
      const madeByIt = await createApiKey(db, viaKey(made.apiKey.apiKeyId), { name: 'feed-copy', scopes: ['read'] }, now);
      const madeByThat = await createApiKey(db, viaKey(madeByIt.apiKey.apiKeyId), { name: 'bi-copy', scopes: ['read'] }, now);
      const unrelated = await createApiKey(db, shellCaller('cli:test'), { name: 'shop-feed', scopes: ['ingest'] }, now);
      return { root: made.apiKey, child: madeByIt.apiKey, grandchild: madeByThat.apiKey, other: unrelated.apiKey };
    });

    const text = await runCliInProcess(context.db, ['api-keys', 'revoke', String(root.apiKeyId)]);
    expect(text.exitCode).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toBe(`Key ${root.apiKeyId} (adm) is revoked.`);
    expect(lines[1]).toBe('Revoked with it, as keys it made (or theirs): 2.');
    expect(lines.find((line) => line.startsWith(`${child.apiKeyId} `))).toMatch(new RegExp(`^${child.apiKeyId}\\s+feed-copy\\s+clt_${child.prefix}_…\\s+#${root.apiKeyId} \\(adm\\)`));
    expect(lines.find((line) => line.startsWith(`${grandchild.apiKeyId} `))).toMatch(new RegExp(`^${grandchild.apiKeyId}\\s+bi-copy\\s+clt_${grandchild.prefix}_…\\s+#${child.apiKeyId} \\(feed-copy\\)`));
    expect(text.stdout).not.toContain('shop-feed');

    const other2 = await context.withStore(async ({ db }) => (await createApiKey(db, viaKey(other.apiKeyId), { name: 'ingest-copy', scopes: ['ingest'] }, now)).apiKey);
    const asJson = JSON.parse((await runCliInProcess(context.db, ['--json', 'api-keys', 'revoke', String(other.apiKeyId)])).stdout);
    expect(asJson).toMatchObject({ apiKeyId: other.apiKeyId, name: 'shop-feed', revokedAt: expect.any(String) });
    expect(asJson.revokedWith.map((key: { apiKeyId: number; revokedAt: string | null }) => [key.apiKeyId, key.revokedAt !== null])).toEqual([[other2.apiKeyId, true]]);
    // revoked already: nothing more goes with it
    expect(JSON.parse((await runCliInProcess(context.db, ['--json', 'api-keys', 'revoke', String(root.apiKeyId)])).stdout).revokedWith).toEqual([]);
  }, 120_000);
});
