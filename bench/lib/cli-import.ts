import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const preload = fileURLToPath(new URL('./report-peak-memory.mjs', import.meta.url));

/** What `clientele import --json` prints, as far as a benchmark reads it. */
export type ImportSummary = { read: number; inserted: number; rejected: number; seconds: number };

/**
 * Runs `clientele --db <target> import <entity> <file> --json` as a user would, in a process of
 * its own (bin/clientele.js: the compiled CLI when it is current, else the sources through tsx),
 * and returns its summary, the process's peak resident memory, what its heap retained and its wall time. A process of
 * its own, because the peak memory of an import is what a user's machine must have: measured
 * inside a benchmark that also ran COPY baselines and another store, it carried their memory.
 */
export type ImportMemory = {
  peakRssMb: number;
  /** The most the JavaScript heap held after a full garbage collection (null when none ran), and how many ran. */
  retainedHeapMb: number | null;
  majorGcs: number;
};

export async function importWithCli(target: string, entity: 'customers' | 'orders', file: string): Promise<{ summary: ImportSummary; wallSeconds: number } & ImportMemory> {
  const scratch = mkdtempSync(join(tmpdir(), 'clientele-bench-cli-'));
  const memoryFile = join(scratch, 'peak-memory.json');
  const started = performance.now();
  try {
    const { code, stdout, stderr } = await run(process.execPath,
      ['--import', preload, join(root, 'bin/clientele.js'), '--db', target, 'import', entity, file, '--source', 'demo', '--rejects', join(scratch, 'rejects.csv'), '--json'],
      { ...process.env, PEAK_MEMORY_FILE: memoryFile });
    // 2: some rows rejected, which the summary reports
    if (code !== 0 && code !== 2) throw new Error(`clientele import ${entity} exited with ${code}: ${stderr.slice(-2000)}`);
    const wallSeconds = (performance.now() - started) / 1000;
    const memory = JSON.parse(readFileSync(memoryFile, 'utf8')) as { maxRssKb: number; majorGcs: number; maxRetainedHeapKb: number | null };
    return {
      summary: JSON.parse(stdout) as ImportSummary, wallSeconds, peakRssMb: Math.round(memory.maxRssKb / 1024), majorGcs: memory.majorGcs,
      retainedHeapMb: memory.maxRetainedHeapKb === null ? null : Math.round(memory.maxRetainedHeapKb / 1024),
    };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
