import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cliPath } from '../helpers/cli.js';
import { testSharedBuffers } from '../helpers/stores.js';

const workDir = mkdtempSync(join(tmpdir(), 'clientele-closed-output-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/**
 * Runs the real binary with its stdout read by no one: the read end closes before the CLI
 * writes a byte, as `| head -3` closes it after three lines.
 */
function runWithClosedStdout(args: string[]): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], {
      env: { ...process.env, CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers }, stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stderr }));
  });
}

describe('clientele writing to a reader that stopped early', { timeout: 240_000 }, () => {
  it('ends quietly with exit 0 when help goes to a closed pipe, with no EPIPE stack trace', async () => {
    const result = await runWithClosedStdout(['customers', '--help']);
    expect(result.stderr).toBe('');
    expect(result).toMatchObject({ code: 0, signal: null });
  });

  it('finishes a store command, with its own exit code, when its answer goes to a closed pipe', async () => {
    const store = join(workDir, 'store');
    const result = await runWithClosedStdout(['--db', store, 'customers', 'list']);
    expect(result.stderr).not.toMatch(/EPIPE|^\s+at /m);
    expect(result.code).toBe(0);
  });
});
