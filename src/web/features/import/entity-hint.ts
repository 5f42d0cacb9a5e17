import type { IngestEntity } from '../../api/types.js';
// the decision the CLI makes too, of a file its header check refuses (entityOfRefusedFile)
import { likelierEntity as likelierEntityOf, type EntityHint } from '../../../ingest/rows/likelier-entity.js';
import { suggestMapping, type MappingGuess } from './import-mapping.js';

export type { EntityHint };

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
  return likelierEntityOf(entity, headers, (other) => suggestMapping(other, headers, rows).mapping, readHere);
}
