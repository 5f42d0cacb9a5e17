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
  // a statement that does not bind the ids as given cannot be reused safely for other ids
  if (!compiled.parameters.includes(ids)) return compiled;
  const merged = mergeRepeatedParameters(compiled.sql, compiled.parameters, ids);
  const slots = merged.parameters.flatMap((value, index) => (value === ids ? [index] : []));
  if (shapes.size >= shapeLimit) shapes.delete(shapes.keys().next().value!);
  shapes.set(shape, { sql: merged.sql, parameters: merged.parameters, slots });
  return CompiledQuery.raw(merged.sql, merged.parameters) as CompiledQuery<R>;
}

/** A placeholder as Kysely writes it, with the cast right after it when that is one word (a typmod or a second word is no match). */
const placeholder = /\$(\d+)(::[a-z_][a-z0-9_]*(?:\[\])?(?![a-z0-9_(\[]|\s+(?:precision|varying|with|without)\b))?/gi;

/**
 * Kysely binds a value once per place it is used: the types statement bound
 * 143 values, 44 of them different (the as-of day 16 times, the ids 13). Each
 * bound value is serialized by the driver and parsed by its type's input
 * function at every run (on the embedded store, in WebAssembly, 0.05–0.09 ms
 * of a single order's statement), so a value used again with the same cast is
 * bound once. Only placeholders with a cast are merged: the cast fixes the
 * parameter's type, so every use reads the value as before. The ids are
 * matched by identity, never by value.
 */
function mergeRepeatedParameters(text: string, parameters: readonly unknown[], ids: readonly number[]): { sql: string; parameters: unknown[] } {
  const uses = [...text.matchAll(placeholder)];
  // Kysely numbers its placeholders in the order it writes them, one per value; any other text is left as compiled
  const asKyselyWrites = uses.length === parameters.length && uses.every((use, index) => Number(use[1]) === index + 1);
  if (!asKyselyWrites) return { sql: text, parameters: [...parameters] };
  const merged: unknown[] = [];
  const numberOf = new Map<string, number>();
  const renumbered = new Map<string, number>();
  for (const [, number, cast] of uses) {
    const value = parameters[Number(number) - 1];
    const identity = valueKey(value, ids);
    const key = cast === undefined || identity === undefined ? undefined : `${cast.toLowerCase()} ${identity}`;
    let mergedNumber = key === undefined ? undefined : numberOf.get(key);
    if (mergedNumber === undefined) {
      mergedNumber = merged.push(value);
      if (key !== undefined) numberOf.set(key, mergedNumber);
    }
    renumbered.set(number, mergedNumber);
  }
  return { sql: text.replace(/\$(\d+)/g, (_, number: string) => `$${renumbered.get(number)}`), parameters: merged };
}

/** What makes two values the same when bound; undefined for a value never merged (an object other than the ids or a date). */
function valueKey(value: unknown, ids: readonly number[]): string | undefined {
  if (value === ids) return 'the ids';
  if (value instanceof Date) return `date ${value.toISOString()}`;
  if (typeof value === 'object' && value !== null) return undefined;
  return `${typeof value} ${String(value)}`;
}
