import { isAppError } from '../../../core/errors.js';
import { adviseOnHeader, recogniseExport, type HeaderAdvice, type RecognisedExport } from '../../../ingest/presets/recognise-export.js';
import { presetMappingOf, type Preset } from '../../../ingest/presets/preset.js';
import { headerCheck, type Mapping } from '../../../ingest/rows/fields.js';
import type { IngestEntity } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { missingRequirements } from './field-requirements.js';
import { browserPresets } from './import-rows.js';
import type { ParsedCsv } from './parse-csv.js';

/**
 * Whether the header as read cannot be imported as chosen: the mapping misses a field the file
 * must hold, or the file lacks a column the preset reads (the mapping then names a column the
 * file does not have, and the page's check of the fields mapped alone would pass it).
 */
function isHeaderRefused(entity: IngestEntity, headers: readonly string[], preset: Preset | null, mapping: Mapping): boolean {
  if (missingRequirements(entity, mapping).length > 0) return true;
  if (preset === null) return false;
  try {
    headerCheck(entity, [...headers, ...(preset.addedColumns ?? [])], presetMappingOf(preset, headers));
    return false;
  } catch (error) {
    if (isAppError(error)) return true;
    throw error;
  }
}

/** The recognised export, when the browser can read it with its preset (a fixed-width one is the CLI's). */
function inBrowser(recognised: RecognisedExport | null): RecognisedExport | null {
  return recognised !== null && browserPresets(recognised.entity).some((preset) => preset.name === recognised.preset) ? recognised : null;
}

/**
 * What to read the file with, as the CLI advises on a refused header (presets/recognise-export.ts,
 * adviseOnHeader): a header refused as read is below a report's title (a later line of the first
 * ones passes the check, read with the columns guessed there, not those mapped on this header) or
 * is a known export's, whose preset is named. A file read without a preset whose header is a
 * known export's has the preset named too, though it passes: its columns may be mapped, but the
 * preset's value fixes (statuses, a marketplace's channel) would be missed. Null when there is
 * nothing to say.
 */
export function adviseOnFileHeader(
  entity: IngestEntity, csv: Pick<ParsedCsv, 'headers' | 'headerLine' | 'headerCandidates'>, preset: Preset | null, mapping: Mapping,
): HeaderAdvice | null {
  if (!isHeaderRefused(entity, csv.headers, preset, mapping)) {
    const recognised = preset === null ? inBrowser(recogniseExport(csv.headers)) : null;
    return recognised === null ? null : { preset: recognised, headerLine: null };
  }
  const advice = adviseOnHeader({ entity, headerLine: csv.headerLine, preset, mapping: {} }, csv.headerCandidates);
  if (advice === null) return null;
  const recognised = inBrowser(advice.preset);
  return recognised === null && advice.headerLine === null ? null : { preset: recognised, headerLine: advice.headerLine };
}

/**
 * The advice as the page says it: `headerLine`, "The header seems to be on line 4 (lines 1–3 look
 * like a title)."; `preset`, the format the file looks like, with its data when another than chosen.
 */
export function headerAdviceTexts(advice: HeaderAdvice, entity: IngestEntity, t: I18n['t']): { headerLine: string | null; preset: string | null } {
  const { headerLine, preset } = advice;
  const onLine = headerLine === null ? null
    // read from a later line already, the header is found back on the first
    : headerLine === 1 ? t('import.headerAdvice.firstLine')
      : headerLine === 2 ? t('import.headerAdvice.titleLine', { line: headerLine })
        : t('import.headerAdvice.titleLines', { line: headerLine, lastTitleLine: headerLine - 1 });
  const format = preset === null ? null : t(`import.presets.${preset.preset}`);
  const looks = preset === null ? null
    : preset.entity === entity ? t('import.headerAdvice.preset', { format: format! })
      : t('import.headerAdvice.presetOfEntity', { format: format!, entity: t(`entities.${preset.entity}`) });
  return { headerLine: onLine, preset: looks };
}
