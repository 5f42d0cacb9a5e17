import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { testSharedBuffers } from './stores.js';

export const cliPath = fileURLToPath(new URL('../../bin/clientele.js', import.meta.url));

/** What every CLI under test runs with: the test stores' small embedded buffer pool. */
const testEnv = { CLIENTELE_EMBEDDED_SHARED_BUFFERS: testSharedBuffers };

export type CliResult = { code: number | null; stdout: string; stderr: string };

/** Runs the real `clientele` binary in a child process. */
export function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...testEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the CLI and calls `onStderr` with each chunk, for tests that act mid-way (e.g. SIGKILL). */
export function startCli(args: string[], onStderr: (text: string, child: ChildProcess) => void): Promise<CliResult & { signal: NodeJS.Signals | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, ...args], { env: { ...process.env, ...testEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
      onStderr(String(chunk), child);
    });
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, stdout, stderr, signal }));
  });
}
