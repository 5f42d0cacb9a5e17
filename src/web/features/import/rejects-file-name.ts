import type { IngestEntity } from '../../api/types.js';
import type { I18n } from '../../i18n/i18n-context.js';
import { safeFileName } from '../../components/file-name.js';

/**
 * `rejects-orders-shop-export.csv`, `noraidītās-rindas-pasūtījumi-veikals.csv`: the rejects of one import
 * told apart from another's by what was imported and from which file (its name without the extension), in
 * the reader's language. The page does not hold the import run's number (run-import.ts keeps it to itself).
 */
export function rejectsFileName(entity: IngestEntity, importedFile: string | null, t: I18n['t']): string {
  const stem = importedFile?.replace(/\.[^.]*$/, '') ?? null;
  return safeFileName(t('files.rejects'), [t(`files.entities.${entity}`), stem], 'csv');
}
