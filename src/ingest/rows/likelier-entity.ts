import { isAppError } from '../../core/errors.js';
import { importEntities, type ImportEntity } from '../canonical.js';
import { planColumns, type ColumnSample } from './column-plan.js';
import { columnsRead, headerCheck, meetsARequirement, resolveColumns, type Mapping } from './fields.js';
import { headerWords, synonymsFor } from './header-synonyms.js';


/** Another kind of data the file looks like, and the columns only that kind reads. */
export type EntityHint = { entity: ImportEntity; columns: string[] };

/** The fields a file holding these (as columns so named) lacks none of: its header check passes. */
function meetsRequirements(entity: ImportEntity, fields: readonly string[]): boolean {
  try {
    headerCheck(entity, fields, {});
    return true;
  } catch (error) {
    if (isAppError(error)) return false;
    throw error;
  }
}

/**
 * The kind of data the file's header looks like when it is not the one chosen, `entity`: another
 * entity whose required fields the file holds (as `guessOf` guesses each entity's columns, field →
 * column) and whose columns include a required field's that none of `readHere` is (the columns the
 * chosen entity reads). Of several, the one that reads the most such columns; null when none.
 * `mustRead`: columns the other entity must read too (all of them the chosen one could, for a file
 * it refused: see entityOfRefusedFile). The web's import page (entity-hint.ts) and the CLI's refused
 * header (entityOfRefusedFile) both ask this.
 */
export function likelierEntity(
  entity: ImportEntity, headers: readonly string[], guessOf: (entity: ImportEntity) => Mapping, readHere: ReadonlySet<string>, mustRead: ReadonlySet<string> = new Set(),
): EntityHint | null {
  let best: EntityHint | null = null;
  // of two entities reading as many columns, the first in importEntities is named
  for (const other of importEntities) {
    if (other === entity) continue;
    const guess = guessOf(other);
    if (!meetsRequirements(other, Object.keys(guess))) continue;
    const unread = Object.entries(guess).filter(([, column]) => !readHere.has(column));
    if (!unread.some(([field]) => meetsARequirement(other, field))) continue;
    const read = new Set(Object.values(guess));
    if ([...mustRead].some((column) => !read.has(column))) continue;
    const columns = headers.filter((header) => unread.some(([, column]) => column === header));
    if (!best || columns.length > best.columns.length) best = { entity: other, columns };
  }
  return best;
}

/** The columns the import reads as the entity's fields (column-plan.ts, planColumns), or null when its header check refuses the file. */
function plannedColumns(entity: ImportEntity, headers: readonly string[], mapping: Mapping, sample: ColumnSample): Mapping | null {
  try {
    const plan = planColumns(entity, headers, { preset: null, mapping, sample });
    return Object.fromEntries(columnsRead(entity, headers, plan.mapping));
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

/** Every column the entity could read: named as one of its fields, under a common other name of one, or mapped to one. */
function columnsNamedFor(entity: ImportEntity, headers: readonly string[], mapping: Mapping): Set<string> {
  const names = new Set(Object.values(synonymsFor(entity, headers)).flatMap((names) => names ?? []).map(headerWords));
  return new Set([...resolveColumns(entity, headers, mapping).values(), ...headers.filter((header) => names.has(headerWords(header)))]);
}

/**
 * The entity a file is clearly one of when the chosen `entity`'s header check refused it (a customers
 * file imported as orders lacks order_id, ordered_at and amount): another whose header check passes,
 * which reads a column of a field it requires and every column the chosen entity could read
 * (`mapping`: the --map given), so an orders file only lacking its amount is not called one of
 * customers. Null when none is.
 */
export function entityOfRefusedFile(entity: ImportEntity, headers: readonly string[], mapping: Mapping = {}, sample: ColumnSample = []): EntityHint | null {
  const guessOf = (other: ImportEntity) => plannedColumns(other, headers, {}, sample) ?? {};
  return likelierEntity(entity, headers, guessOf, new Set(), columnsNamedFor(entity, headers, mapping));
}
