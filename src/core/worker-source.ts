import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * The source of an eval'd worker thread that runs the module `workerName` (without extension)
 * beside the calling module `callerUrl` (its import.meta.url). From the compiled build (`build/`)
 * the compiled worker is imported directly; from TypeScript (tsx, vitest) the worker registers
 * tsx's loader first, so it runs under `tsx`, vitest and plain Node alike.
 */
export function workerSource(callerUrl: string, workerName: string): string {
  if (callerUrl.endsWith('.js')) return `import(${JSON.stringify(new URL(`./${workerName}.js`, callerUrl).href)});`;
  // the ESM flavour of tsx's API: its CommonJS twin resolves its own files wrongly from an eval'd worker
  const tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api').replace(/\.cjs$/, '.mjs')).href;
  const workerUrl = new URL(`./${workerName}.ts`, callerUrl).href;
  return `import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(workerUrl)}); });`;
}
