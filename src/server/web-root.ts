import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The built web app, if `npm run build:web` has produced it. */
export function resolveWebRoot(): string | null {
  const directory = fileURLToPath(new URL('../../dist/web/', import.meta.url));
  return existsSync(`${directory}index.html`) ? directory : null;
}
