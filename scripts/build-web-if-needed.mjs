// Builds the web app before `npm start` when dist/web is missing or older than its sources,
// so a fresh clone works with `npm install && npm start` and a restart is instant.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const output = 'dist/web/index.html';
const newestModification = (path) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newestModification(join(path, name))));
};
const sources = ['src/web', 'vite.config.ts', 'package-lock.json'].filter((path) => existsSync(path));
const isStale = !existsSync(output) || Math.max(...sources.map(newestModification)) > statSync(output).mtimeMs;
if (isStale) {
  console.log('Building the web app (first start or changed sources)…');
  const result = spawnSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
