import type { IngestEntity } from '../../api/types.js';
// the decision the CLI makes too, of a file its header check refuses (entityOfRefusedFile)
import { entityOfRefusedFile, likelierEntity as likelierEntityOf, type EntityHint as FileEntity } from '../../../ingest/rows/likelier-entity.js';
import { missingRequirements } from './field-requirements.js';
import { suggestMapping, type MappingGuess } from './import-mapping.js';

/**
 * Another kind of data the file looks like, and its columns; `lacksRequired` when the chosen entity
 * lacks a required field (the columns are then all the other entity's, some the chosen one reads too).
 */
export type EntityHint = FileEntity & { lacksRequired?: true };

/**
 * The kind of data the file's header looks like when it is not the one chosen: another entity
 * whose required fields the file holds (guessed as the importer guesses them, suggestMapping)
 * and whose columns include a required field's that the chosen entity has no place for
 * (an orders file's order_id, ordered_at and amount under Customers). Of several, the one that
 * reads the most such columns; null when the file fits the chosen entity.
 * A column the chosen entity reads counts as its own whether or not the `current` mapping still reads it:
 * a seller who sets an orders file's masked phone column to "not imported" chose to leave it out, which
 * makes the file no more one of customers (whose phone it would be) than before.
 * While the `current` mapping lacks a required field of the chosen entity (the file the CLI's header
 * check refuses), the CLI's decision of a refused file instead, from the same headers and mapping
 * (entityOfRefusedFile): a customers file chosen as orders is one of customers, though orders read its
 * customer_id and email; an orders file only lacking its amount is not.
 */
export function likelierEntity(entity: IngestEntity, headers: readonly string[], rows: readonly Record<string, string>[], current: Pick<MappingGuess, 'mapping' | 'choices' | 'setAside'>): EntityHint | null {
  if (missingRequirements(entity, current.mapping).length > 0) {
    const refused = entityOfRefusedFile(entity, headers, current.mapping);
    return refused ? { ...refused, lacksRequired: true } : null;
  }
  const own = suggestMapping(entity, headers, rows);
  const readHere = new Set([current, own].flatMap((guess) => [
    ...Object.values(guess.mapping), ...Object.values(guess.setAside), ...Object.values(guess.choices).flatMap((choice) => choice.columns),
  ]));
  return likelierEntityOf(entity, headers, (other) => suggestMapping(other, headers, rows).mapping, readHere);
}
