/**
 * Unicode format characters (general category Cf: zero-width space and joiners, bidi overrides and
 * isolates, byte order mark, soft hyphen, tag characters…) draw nothing or reorder what is drawn, so
 * "owner@shop.example" followed by U+200B, or U+202E followed by "moc.elpmaxe@ana", looks like another
 * address in a list or an audit log. Text that names who someone is refuses them; names do not, as
 * some scripts need a joiner to be spelled right.
 */
const formatCharacter = /\p{Cf}/u;
const formatCharacters = /\p{Cf}/gu;

export type InvisibleCharacter = { codePoint: string; position: number };

/** The first format character in `text` as `U+XXXX` and its 1-based position in characters (not UTF-16 units), or null. */
export function firstInvisibleCharacter(text: string): InvisibleCharacter | null {
  if (!formatCharacter.test(text)) return null;
  let position = 0;
  for (const character of text) {
    position += 1;
    if (formatCharacter.test(character)) return { codePoint: codePointOf(character), position };
  }
  return null;
}

/** `text` with each format character written out as <U+XXXX>, so quoting it in a message shows what is there. */
export function withInvisibleCharactersShown(text: string): string {
  return text.replace(formatCharacters, (character) => `<${codePointOf(character)}>`);
}

/** Why `text` is refused, e.g. `"a@b.c<U+200B>" contains an invisible character U+200B at position 6; retype the address`, or null. */
export function invisibleCharacterProblem(text: string, retype: string): string | null {
  const found = firstInvisibleCharacter(text);
  if (!found) return null;
  return `"${withInvisibleCharactersShown(text)}" contains an invisible character ${found.codePoint} at position ${found.position}; retype ${retype}`;
}

function codePointOf(character: string): string {
  return `U+${character.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}
