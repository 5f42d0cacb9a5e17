import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../../test/helpers/cli.js';
import { testSharedBuffers } from '../../../test/helpers/stores.js';

const directory = mkdtempSync(join(tmpdir(), 'clientele-serve-json-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

type Listening = { event: string; url: string; apiReferenceUrl: string; store: { kind: string; location: string; data: { kind: string } }; signIn: { text: string; email: string | null; oneTimePassword: string | null }; setup: string[] };

/**
 * Starts `clientele serve --json` on a free port, reads its first stdout line as a script would,
 * asks the server one thing, and stops it; returns everything each stream carried.
 */
function serveJson(): Promise<{ first: Listening; health: number; stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, '--db', directory, 'serve', '--json', '--port', '0', '--no-demo'], {
      env: { ...process.env, CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers, LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let first: Listening | null = null;
    let health = 0;
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      if (first !== null || !stdout.includes('\n')) return;
      try {
        first = JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as Listening;
      } catch (error) {
        child.kill('SIGTERM');
        reject(new Error(`the first stdout line is not JSON: ${stdout}\n${String(error)}`));
        return;
      }
      fetch(`${first.url}/api/health`).then((response) => { health = response.status; }, () => { health = -1; })
        .finally(() => setTimeout(() => child.kill('SIGTERM'), 300));
    });
    child.on('error', reject);
    child.on('close', (code) => (first ? resolve({ first, health, stdout, stderr, code }) : reject(new Error(`serve --json ended without a line (code ${code}): ${stderr}`))));
  });
}

describe('clientele serve --json', () => {
  it('prints one JSON line a script can read (address, store, how to sign in) and its logs on stderr only', async () => {
    const { first, health, stdout, stderr, code } = await serveJson();
    expect(first).toMatchObject({ event: 'listening', store: { kind: 'embedded', location: directory, data: { kind: 'own' } } });
    expect(first.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(first.apiReferenceUrl).toBe(`${first.url}/api/docs`);
    // the first start creates the owner and gives their one-time password
    expect(first.signIn).toMatchObject({ email: expect.stringContaining('@'), oneTimePassword: expect.any(String) });
    expect(first.signIn.text).toContain(first.signIn.oneTimePassword);
    expect(health).toBe(200);
    // nothing else on stdout, not even the request's log line
    expect(stdout.trimEnd().split('\n')).toHaveLength(1);
    const logs = stderr.split('\n').filter((line) => line.startsWith('{'));
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.map((line) => JSON.parse(line) as { level: number })[0].level).toBeGreaterThan(0);
    expect(code).toBe(0);
  }, 120_000);
});
