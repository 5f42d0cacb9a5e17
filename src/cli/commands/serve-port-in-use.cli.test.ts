import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath } from '../../../test/helpers/cli.js';
import { testSharedBuffers } from '../../../test/helpers/stores.js';

// A first start on a port already taken created the owner, then failed with INTERNAL_ERROR: listen
// EADDRINUSE, never exited and kept the store locked; the owner's one-time password was shown to no one.
const directory = mkdtempSync(join(tmpdir(), 'clientele-serve-port-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

const environment = { ...process.env, CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers, LOG_LEVEL: 'warn' };

/** Runs `clientele serve` with these arguments until it exits (or stops it after `killAfterMs`, answering null). */
function serve(args: string[], killAfterMs: number, onLine?: (line: string, stop: () => void) => void): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, '--db', directory, ...args], { env: environment, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const timer = setTimeout(() => child.kill('SIGKILL'), killAfterMs);
    let hasSeenLine = false;
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      // the first line once: a second SIGTERM, after the server's handler has taken the first, would kill it outright
      if (!onLine || hasSeenLine || !stdout.includes('\n')) return;
      hasSeenLine = true;
      onLine(stdout.slice(0, stdout.indexOf('\n')), () => child.kill('SIGTERM'));
    });
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const listen = (server: Server) => new Promise<number>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, () => resolve((server.address() as { port: number }).port)));

describe('clientele serve on a port already in use', () => {
  it('exits 1 naming the port and how to choose another, releases the store, and leaves the owner\'s one-time password for the next start', { timeout: 240_000 }, async () => {
    const blocker = createServer();
    const port = await listen(blocker);
    try {
      const failed = await serve(['serve', '--port', String(port), '--host', '127.0.0.1', '--no-demo'], 90_000);
      expect(failed.code).toBe(1);
      expect(failed.stderr).toContain('SERVER_PORT_IN_USE_CONFLICT');
      expect(failed.stderr).toContain(`Port ${port} is in use on 127.0.0.1`);
      expect(failed.stderr).toMatch(/PORT=.*--port/);
      expect(failed.stdout).not.toContain('Clientele is running');
      expect(existsSync(join(directory, 'clientele.lock'))).toBe(false);
    } finally {
      await new Promise((resolve) => blocker.close(resolve));
    }
    let first: { signIn: { email: string | null; oneTimePassword: string | null } } | null = null;
    const started = await serve(['--json', 'serve', '--port', '0', '--host', '127.0.0.1', '--no-demo'], 90_000, (line, stop) => {
      first ??= JSON.parse(line) as NonNullable<typeof first>;
      stop();
    });
    // how the server ends on SIGTERM is not this test's matter (it is stopped once it has said how to sign in)
    expect(started.stdout).toContain('"event":"listening"');
    expect(first!.signIn).toMatchObject({ email: expect.stringContaining('@'), oneTimePassword: expect.any(String) });
  });
});
