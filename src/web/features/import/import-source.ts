import type { CustomerIdSource } from '../../api/types.js';
import { listPresetSources } from '../../../ingest/presets/index.js';

/**
 * The source a file's ids are sent under: one the store's customer ids already come from, or a
 * `new` one the user names. A customer_id is looked up among its own source's ids only (as the
 * CLI's --source), so orders sent under another source than their customers' make new customers.
 */
export type SourceChoice = { source: string; isNew: boolean };

/** The name a new source takes when the store has no customer ids yet and no format names one. */
export const firstSourceName = 'web';

/**
 * What the page sends when the user has chosen nothing: the format's own source (as the CLI's
 * preset default), else the source most of the store's customer ids come from, leaving out the
 * sources of formats (a format's source is its files' only: after the UCI sample brought the most
 * ids, a lines file of the store's own orders was sent under online-retail and all of it rejected),
 * else a new one.
 */
export function defaultSourceChoice(presetSource: string | null, sources: readonly CustomerIdSource[]): SourceChoice {
  const formatSources = new Set(listPresetSources());
  const source = presetSource ?? sources.find((listed) => !formatSources.has(listed.source))?.source ?? firstSourceName;
  return { source, isNew: !sources.some((listed) => listed.source === source) };
}

/** The source to send, or null while a new source has no name yet. */
export function sourceToSend(choice: SourceChoice): string | null {
  const source = choice.source.trim();
  return source === '' ? null : source;
}
