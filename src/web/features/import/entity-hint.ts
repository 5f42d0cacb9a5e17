import type { IngestEntity } from '../../api/types.js';
import { missingRequirements, requirementOf } from './field-requirements.js';
import { importEntities, suggestMapping, type MappingGuess } from './import-mapping.js';

/** Another kind of data the file looks like, and the columns only that kind reads. */
export type EntityHint = { entity: IngestEntity; columns: string[] };

/**
 * The kind of data the file's header looks like when it is not the one chosen: another entity
 * whose required fields the file holds (guessed as the importer guesses them, suggestMapping)
 * and whose columns include a required field's that the chosen entity has no place for
 * (an orders file's order_id, ordered_at and amount under Customers). Of several, the one that
 * reads the most such columns; null when the file fits the chosen entity.
 * A column the chosen entity reads counts as its own whether or not the `current` mapping still reads it:
 * a seller who sets an orders file's masked phone column to "not imported" chose to leave it out, which
 * makes the file no more one of customers (whose phone it would be) than before.
 */
export function likelierEntity(entity: IngestEntity, headers: readonly string[], rows: readonly Record<string, string>[], current: Pick<MappingGuess, 'mapping' | 'choices' | 'setAside'>): EntityHint | null {
  const own = suggestMapping(entity, headers, rows);
  const readHere = new Set([current, own].flatMap((guess) => [
    ...Object.values(guess.mapping), ...Object.values(guess.setAside), ...Object.values(guess.choices).flatMap((choice) => choice.columns),
  ]));
  let best: EntityHint | null = null;
  for (const other of importEntities) {
    if (other === entity) continue;
    const guess = suggestMapping(other, headers, rows).mapping;
    if (missingRequirements(other, guess).length > 0) continue;
    const unread = Object.entries(guess).filter(([, column]) => !readHere.has(column));
    if (!unread.some(([field]) => requirementOf(other, field) !== null)) continue;
    const columns = headers.filter((header) => unread.some(([, column]) => column === header));
    if (!best || columns.length > best.columns.length) best = { entity: other, columns };
  }
  return best;
}
