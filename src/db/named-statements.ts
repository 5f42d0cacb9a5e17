import { createHash } from 'node:crypto';
import pg from 'pg';

/**
 * A statement whose SQL text starts with this comment is sent as a
 * protocol-level named prepared statement (on the server, and on PGlite through
 * its wire-protocol connection): parsed and planned once per connection, then
 * only bound and executed. Values are always bound by the driver, never written
 * into the text.
 */
export const namedStatementMarker = '/* named statement */';

/** Prefix of the names, so pg_prepared_statements shows which are ours. */
export const namedStatementPrefix = 'clientele_';

/** The name is a hash of the text: a statement of another shape gets its own, and the same text always the same one. */
export function namedStatementName(text: string): string {
  let name = namesByText.get(text);
  if (name === undefined) {
    name = `${namedStatementPrefix}${createHash('sha1').update(text).digest('hex').slice(0, 24)}`;
    // the ingest path's statements are few and reused (statement-shapes.ts keeps their text); hashing 16 kB per batch is not free
    if (namesByText.size >= nameLimit) namesByText.delete(namesByText.keys().next().value!);
    namesByText.set(text, name);
  }
  return name;
}

const namesByText = new Map<string, string>();
const nameLimit = 64;

/** Both stores' client: names the marked statements, and leaves every other call to pg as it is. */
export class NamedStatementClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    // A connection lost while the client is checked out (in a transaction) fails the
    // query that was running, and the pool drops the client when it comes back; the
    // event itself, unheard, would end the process.
    this.on('error', () => undefined);
  }

  // pg's query has many overloads; only (text, values) with marked text is changed
  override query(...args: any[]): any {
    const [text, values] = args;
    if (args.length === 2 && typeof text === 'string' && text.startsWith(namedStatementMarker) && Array.isArray(values)) {
      return super.query({ name: namedStatementName(text), text, values });
    }
    return (super.query as (...rest: unknown[]) => unknown)(...args);
  }
}
