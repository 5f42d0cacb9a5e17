/**
 * Text printed for a person to paste into a shell: a command the product suggests (`clientele --db
 * "./Kafija Rīgā" settings set`) must reach the program as the words it names, whatever folder or
 * URL it holds. Pure, so every domain that prints a command quotes the same way.
 */

/** Text as one shell word: in double quotes when nothing in it is special to a shell, else in single quotes. */
export const shellQuoted = (text: string) => (/^[\w .,:+@%/-]*$/.test(text) ? `"${text}"` : `'${text.replaceAll("'", "'\\''")}'`);

/** A word as typed when the shell leaves it alone, else quoted (a postgres:// URL's `?` and `&`, a directory with a space). */
export const shellWord = (text: string) => (/^[\w.,:+@%/=-]+$/.test(text) ? text : shellQuoted(text));

/**
 * A store (--db value) as a printed command writes it: a database URL's password is not echoed into
 * output that may be logged or shared, but stands as `***` for the reader to fill in again, whether it
 * is written in the URL's user part (up to its last `@` before any query) or as a `password`/`sslpassword`
 * query parameter. Read as text, not parsed: a URL that WHATWG parsing refuses
 * (`postgres://u:pw@/db?host=/run`, `postgres:/user:secret@host/db`) is still masked. A directory is
 * shown as it is.
 */
export function storeShown(store: string): string {
  const scheme = /^[a-z][a-z0-9+.-]*:\/+/i.exec(store);
  if (!scheme) return store;
  const queryAt = store.indexOf('?');
  const [base, query] = queryAt < 0 ? [store, ''] : [store.slice(0, queryAt), store.slice(queryAt)];
  const userEnd = base.lastIndexOf('@');
  const passwordAt = userEnd < 0 ? -1 : base.indexOf(':', scheme[0].length);
  const maskedBase = passwordAt < 0 || passwordAt > userEnd ? base : `${base.slice(0, passwordAt + 1)}***${base.slice(userEnd)}`;
  return maskedBase + query.replace(/([?&](?:ssl)?password=)[^&#]*/gi, '$1***');
}
