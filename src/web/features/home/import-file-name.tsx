import { fileBaseName } from './file-base-name.js';

/**
 * A run's file as staff know it: its own name, with no tooltip of the path it was read from (the
 * CLI and the demo loader record a server path such as /tmp/clientele-demo-…/events.csv, which
 * means nothing to staff and tells where the server keeps its files).
 */
export function ImportFileName({ fileName }: { fileName: string | null }) {
  return fileName === null ? <>—</> : <span className="import-file-name">{fileBaseName(fileName)}</span>;
}
