import { isAppError } from '../../core/errors.js';
import type { ImportEntity } from '../canonical.js';
import type { HeaderCandidate } from '../readers/read-records.js';
import { planColumns } from '../rows/column-plan.js';
import { canonicalFields, headerCheck, normaliseColumnName, type Mapping } from '../rows/fields.js';
import { findPreset, listPresets } from './index.js';
import { presetMappingOf, type Preset } from './preset.js';

/** How advice names each preset's export: what a file of it is, and what the preset reads. */
export const exportNames: Readonly<Record<string, { file: string; reads: string }>> = {
  'shopify-orders': { file: 'a Shopify orders export', reads: 'Shopify\'s orders export' },
  'shopee-orders': { file: 'a Shopee order export', reads: 'Shopee\'s export' },
  'tokopedia-orders': { file: 'a Tokopedia seller sales report', reads: 'Tokopedia\'s seller sales report' },
  'uci-online-retail': { file: 'the UCI Online Retail data set', reads: 'the UCI Online Retail data set' },
  cdnow: { file: 'a CDNOW transaction log', reads: 'CDNOW\'s transaction logs' },
  groceries: { file: 'the Kaggle Groceries data set', reads: 'the Kaggle Groceries data set' },
  'customer-personality': { file: 'the Kaggle Customer Personality data set', reads: 'the Kaggle Customer Personality data set' },
};

const namesOf = (preset: string) => exportNames[preset] ?? { file: `a ${preset} export`, reads: 'its export' };

export type RecognisedExport = { preset: string; entity: ImportEntity };

const canonicalNames = new Set(Object.values(canonicalFields).flat());

/**
 * The columns of `headers` the preset reads that are named as no field is: its export's own
 * names ("Nomor Invoice", "Lineitem name"). A file of canonical or common names ("Name", "Email",
 * "Created at", "Total") is no export however many of them a preset also reads. A column named
 * `column_3` is one without a name (uniqueHeaders), which only a header-less file's preset reads.
 */
function ownColumnsRead(preset: Preset, headers: readonly string[]): Set<string> {
  const present = new Set(headers.map(normaliseColumnName));
  const columns = Object.values(presetMappingOf(preset, headers)).map(normaliseColumnName);
  return new Set(columns.filter((column) => present.has(column) && !canonicalNames.has(column) && !/^column_\d+$/.test(column)));
}

/** The preset's header check passes: the file holds every column it needs. */
function meetsPreset(preset: Preset, headers: readonly string[]): boolean {
  try {
    headerCheck(preset.entity, [...headers, ...(preset.addedColumns ?? [])], presetMappingOf(preset, headers));
    return true;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
}

// Two of an export's own names, beside every column its preset needs, are no coincidence.
const minimumOwnColumns = 2;

/**
 * The preset whose export a file with these headers is, other than `except` (the preset it was
 * imported with): every column the preset needs is there (its header check passes) and at least
 * two of those it reads carry the export's own names (ownColumnsRead). The one reading most such
 * columns when several fit; null when none does. Only asked once a file's header check failed.
 */
export function recogniseExport(headers: readonly string[], except: string | null = null): RecognisedExport | null {
  let best: { preset: Preset; own: number } | null = null;
  for (const { name } of listPresets()) {
    if (name === except) continue;
    const preset = findPreset(name);
    const own = ownColumnsRead(preset, headers).size;
    if (own < minimumOwnColumns || (best !== null && own <= best.own) || !meetsPreset(preset, headers)) continue;
    best = { preset, own };
  }
  return best === null ? null : { preset: best.preset.name, entity: best.preset.entity };
}

/** How the file was read: the header line asked for, and the preset and --map given. */
export type HeaderReading = { entity: ImportEntity; headerLine: number; preset: Preset | null; mapping: Mapping };

/** What to import a file with whose header check failed: another preset, a later header line, or both. */
export type HeaderAdvice = { preset: RecognisedExport | null; headerLine: number | null };

/** Neither a preset nor --map says how to read the file: its columns are read by their names alone. */
export const isReadAsGiven = (reading: Pick<HeaderReading, 'preset' | 'mapping'>): boolean => reading.preset === null && Object.keys(reading.mapping).length === 0;

/**
 * Why a file of a known export given no preset is refused although its columns
 * would be read: read by their names alone, Shopee's columns store a returned order as paid, no
 * lines, every buyer under the source "import" — and a re-import with the preset then counts each
 * order and buyer twice (another source). The message, its hint and details (`preset`, `entity`).
 */
export function explainExportWithoutPreset(entity: ImportEntity, recognised: RecognisedExport): { message: string; hint: string; details: Record<string, string> } {
  const otherEntity = recognised.entity === entity ? null : recognised.entity;
  const command = `${otherEntity === null ? '' : `import ${otherEntity} `}--preset ${recognised.preset}`;
  const holds = otherEntity === null ? '' : `, a file of ${otherEntity}`;
  return {
    message: `The file looks like ${namesOf(recognised.preset).file}${holds}: import it with ${command}, which reads its columns as that export means them `
      + `(read by their names alone, statuses, returns, lines and buyers come out wrong, and a later import with the preset would store every order again). `
      + 'To import it by its column names all the same, add --no-preset.',
    hint: otherEntity === null ? `Add --preset ${recognised.preset}.` : `Run ${command}.`,
    details: { preset: recognised.preset, ...(otherEntity === null ? {} : { entity: otherEntity }) },
  };
}

/** The file's columns would be read as `reading` says, as the import plans them (column-plan.ts: a preset's, --map's and those guessed by name). */
export function passesHeaderCheck(reading: HeaderReading, headers: readonly string[]): boolean {
  try {
    planColumns(reading.entity, headers, { preset: reading.preset, mapping: reading.mapping });
    return true;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
}

/**
 * Why the header read failed its check, when the file's first lines tell: its header is another
 * preset's export; or a later line (below a report's title and period) passes the check as read,
 * or is a preset's export. The first such line, else null. The header read is the first
 * candidate from `reading.headerLine` on, as the reader takes it (blank lines are none).
 */
export function adviseOnHeader(reading: HeaderReading, candidates: readonly HeaderCandidate[]): HeaderAdvice | null {
  const except = reading.preset?.name ?? null;
  const read = candidates.find((candidate) => candidate.line >= reading.headerLine);
  const recognised = read === undefined ? null : recogniseExport(read.headers, except);
  if (recognised !== null) return { preset: recognised, headerLine: null };
  for (const candidate of candidates) {
    if (candidate === read) continue;
    // read as it is, a known export given no preset nor --map is still read wrongly (importFile, refuseExportWithoutPreset)
    if (passesHeaderCheck(reading, candidate.headers)) return { preset: isReadAsGiven(reading) ? recogniseExport(candidate.headers) : null, headerLine: candidate.line };
    const preset = recogniseExport(candidate.headers, except);
    if (preset !== null) return { preset, headerLine: candidate.line };
  }
  return null;
}

/**
 * The sentence ending an IMPORT_COLUMN_MISSING message that says what to import the file with,
 * its hint, and the details the API and the web app show it by: `preset` (with `entity` when
 * the file holds another entity) and `headerLine`.
 */
export function explainHeaderAdvice(entity: ImportEntity, advice: HeaderAdvice, givenPreset: string | null): { sentence: string; hint: string; details: Record<string, string | number> } {
  const { preset, headerLine } = advice;
  const otherEntity = preset !== null && preset.entity !== entity ? preset.entity : null;
  const options = [...(headerLine === null ? [] : [`--header-line ${headerLine}`]), ...(preset === null ? [] : [`--preset ${preset.preset}`])].join(' ');
  const command = otherEntity === null ? options : `import ${otherEntity} ${options}`;
  const details = { ...(preset === null ? {} : { preset: preset.preset }), ...(otherEntity === null ? {} : { entity: otherEntity }), ...(headerLine === null ? {} : { headerLine }) };
  const hint = otherEntity !== null ? `Run ${command}.` : givenPreset !== null && preset !== null ? `Use ${command}.` : `Add ${command}.`;
  const holds = otherEntity === null ? '' : `, a file of ${otherEntity}`;
  if (headerLine === null) {
    const looks = givenPreset === null ? `It looks like ${namesOf(preset!.preset).file}${holds}` : `The ${givenPreset} preset reads ${namesOf(givenPreset).reads}, but this file looks like ${namesOf(preset!.preset).file}${holds}`;
    const action = otherEntity === null && givenPreset !== null ? 'use' : 'import it with';
    return { sentence: `${looks}: ${action} ${command}.`, hint, details };
  }
  const title = headerLine === 1 ? '' : headerLine === 2 ? ' (line 1 looks like a title)' : ` (lines 1–${headerLine - 1} look like a title)`;
  const looks = preset === null ? '' : `, and the file looks like ${namesOf(preset.preset).file}${holds}${givenPreset === null ? '' : `, not ${namesOf(givenPreset).reads}`}`;
  return { sentence: `The header seems to be on line ${headerLine}${title}${looks}: import again with ${command}.`, hint, details };
}
