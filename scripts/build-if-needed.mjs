// Builds what `npm start` runs when it is missing or older than its sources, so a
// fresh clone works with `npm install && npm start` and a restart is instant:
// the web app (dist/web, by Vite) and the compiled server and CLI (build/, by tsc;
// bin/clientele.js falls back to the TypeScript sources whenever build/ is stale).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const newestModification = (path, skip = []) => {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).filter((name) => !skip.includes(join(path, name))).map((name) => newestModification(join(path, name), skip)));
};
const isStale = (output, sources, skip) =>
  !existsSync(output) || Math.max(...sources.filter((path) => existsSync(path)).map((path) => newestModification(path, skip))) > statSync(output).mtimeMs;
const run = (args) => {
  const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
};

if (isStale('dist/web/index.html', ['src/web', 'vite.config.ts', 'package-lock.json'])) {
  console.log('Building the web app (first start or changed sources)…');
  run(['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
}
if (isStale('build/cli/main.js', ['src', 'tsconfig.json', 'tsconfig.build.json', 'package-lock.json'], ['src/web'])) {
  console.log('Compiling the server and CLI (first start or changed sources)…');
  run(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
}
