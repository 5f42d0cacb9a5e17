import { CompiledQuery, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from './schema.js';

/**
 * The ingest path builds the same statement for every order batch: the same
 * policy, settings and day, only the batch's customer ids differ. Building and
 * compiling its 16 kB of SQL costs about as much as the server takes to run it
 * for one customer, so it is compiled once per shape and later batches only put
 * their ids into the parameter slots the first compilation filled.
 *
 * `shape` must name everything the text and the other parameters depend on
 * (callers use the JSON of their inputs minus the ids). The ids must reach the
 * statement as bound values, the same array object wherever it is used: its
 * slots are found by identity.
 */
type Shape = { sql: string; parameters: readonly unknown[]; slots: number[] };

const shapes = new Map<string, Shape>();
/** Shapes change with the as-of day and the policy; a handful covers a process's ingest paths. */
const shapeLimit = 32;

export function compileShaped<R>(db: Kysely<Database>, shape: string, ids: readonly number[], build: () => RawBuilder<R>): CompiledQuery<R> {
  // both stores compile with Kysely's PostgreSQL dialect, so a shape's text serves either
  const known = shapes.get(shape);
  if (known) {
    const parameters = [...known.parameters];
    for (const slot of known.slots) parameters[slot] = ids;
    return CompiledQuery.raw(known.sql, parameters) as CompiledQuery<R>;
  }
  const compiled = build().compile(db);
  const slots = compiled.parameters.flatMap((value, index) => (value === ids ? [index] : []));
  // a statement that does not bind the ids as given cannot be reused safely for other ids
  if (slots.length === 0) return compiled;
  if (shapes.size >= shapeLimit) shapes.delete(shapes.keys().next().value!);
  shapes.set(shape, { sql: compiled.sql, parameters: compiled.parameters, slots });
  return compiled;
}
