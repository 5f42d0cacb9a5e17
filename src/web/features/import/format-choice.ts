import type { HeaderAdvice } from '../../../ingest/presets/recognise-export.js';
import type { Preset } from '../../../ingest/presets/preset.js';

/**
 * A known export read with no format, as the CLI refuses it (IMPORT_PRESET_NEEDED): its columns
 * map by name, but its returns and statuses are read wrongly, its product lines are lost, and
 * importing it later with its format would store every order a second time under the format's
 * source. The page asks for the format, or for the user's word that the column names are meant.
 */
export function needsFormatChoice(advice: HeaderAdvice | null, preset: Preset | null): boolean {
  return preset === null && advice !== null && advice.preset !== null;
}

/** Whether the Import button waits for that choice: `isReadByColumnNames`, the user's "import it by its column names anyway". */
export function blocksUntilFormatChosen(advice: HeaderAdvice | null, preset: Preset | null, isReadByColumnNames: boolean): boolean {
  return needsFormatChoice(advice, preset) && !isReadByColumnNames;
}
