/**
 * A file's own name without the folders before it. Runs record the name their
 * sender gave: the web app sends a bare name, the CLI and the demo loader the
 * path they read, which means nothing to staff and should not be on show.
 * Both separators count, since the CLI may run on Windows.
 */
export function fileBaseName(fileName: string): string {
  const segments = fileName.split(/[/\\]+/).filter((segment) => segment !== '');
  return segments.at(-1) ?? fileName;
}
